// What builds will use for each setting, and where it came from: saved settings, else the environment.
import { existsSync } from "node:fs";
import type { EffectiveValue, SettingsView, UserSettings } from "../../contract";

/** The environment the app started in, read by the composition root and handed in (the core reads no env vars). */
export interface DetectedEnvironment {
  env: Record<string, string | undefined>;
  /** System CA bundles to try last, e.g. Debian's /etc/ssl/certs/ca-certificates.crt. */
  systemCaBundles: string[];
}

/** Where tools look for a CA bundle, in the order we try them. */
export const CA_VARIABLES = [
  "STAGEMAKER_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "REQUESTS_CA_BUNDLE",
  "PIP_CERT",
  "NODE_EXTRA_CA_CERTS",
] as const;

export const SYSTEM_CA_BUNDLES = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];

export function detectCaBundles(
  { env, systemCaBundles }: DetectedEnvironment,
  exists: (p: string) => boolean = existsSync,
): { path: string; source: string }[] {
  const found: { path: string; source: string }[] = [];
  const add = (path: string | undefined, source: string) => {
    if (path && exists(path) && !found.some((f) => f.path === path)) found.push({ path, source });
  };
  for (const name of CA_VARIABLES) add(env[name], `env ${name}`);
  for (const path of systemCaBundles) add(path, "system bundle");
  return found;
}

/** A saved value wins; otherwise the first of the environment variables that is set. */
function fromSavedOrEnv(saved: string | undefined, env: DetectedEnvironment["env"], names: string[]): EffectiveValue {
  if (saved) return { value: saved, source: "settings" };
  for (const name of names) if (env[name]) return { value: env[name]!, source: `env ${name}` };
  return { value: null, source: "not set" };
}

export function effectiveSettings(
  saved: UserSettings,
  environment: DetectedEnvironment,
  file: string,
  exists?: (p: string) => boolean,
): SettingsView {
  const detected = detectCaBundles(environment, exists);
  const { env } = environment;
  let caBundle: EffectiveValue;
  if (saved.caBundleMode === "none") caBundle = { value: null, source: "settings (no extra CA)" };
  else if (saved.caBundleMode === "file" && saved.caBundlePath) caBundle = { value: saved.caBundlePath, source: "settings" };
  else
    caBundle = detected[0]
      ? { value: detected[0].path, source: `auto: ${detected[0].source}` }
      : { value: null, source: "auto: none found" };
  return {
    saved,
    file,
    effective: {
      caBundle,
      httpProxy: fromSavedOrEnv(saved.httpProxy, env, ["HTTP_PROXY", "http_proxy"]),
      httpsProxy: fromSavedOrEnv(saved.httpsProxy, env, ["HTTPS_PROXY", "https_proxy"]),
      noProxy: fromSavedOrEnv(saved.noProxy, env, ["NO_PROXY", "no_proxy"]),
      pipIndexUrl: fromSavedOrEnv(saved.pipIndexUrl, env, ["PIP_INDEX_URL"]),
      pipExtraIndexUrl: fromSavedOrEnv(saved.pipExtraIndexUrl, env, ["PIP_EXTRA_INDEX_URL"]),
    },
    detectedCaBundles: detected,
  };
}

export interface BuildSettings {
  extraCaCertsPath?: string;
  buildArgs: Record<string, string>;
}
/** Read at the start of every build (never cached), so saved settings apply without a restart. */
export type BuildInputs = () => Promise<BuildSettings>;

/** What a build passes to the engine: the CA bundle to add, and build args (proxies both cases, pip's index). */
export function buildInputs(view: SettingsView): BuildSettings {
  const e = view.effective;
  const buildArgs: Record<string, string> = {};
  const set = (names: string[], v: EffectiveValue) => {
    if (v.value) for (const n of names) buildArgs[n] = v.value;
  };
  set(["HTTP_PROXY", "http_proxy"], e.httpProxy);
  set(["HTTPS_PROXY", "https_proxy"], e.httpsProxy);
  set(["NO_PROXY", "no_proxy"], e.noProxy);
  set(["PIP_INDEX_URL"], e.pipIndexUrl);
  set(["PIP_EXTRA_INDEX_URL"], e.pipExtraIndexUrl);
  return { ...(e.caBundle.value ? { extraCaCertsPath: e.caBundle.value } : {}), buildArgs };
}
