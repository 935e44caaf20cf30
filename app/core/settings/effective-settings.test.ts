import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserSettings } from "../../contract";
import { buildInputs, detectCaBundles, effectiveSettings } from "./effective-settings";
import { settingsChannels } from "./settings-channels";

const dir = mkdtempSync(join(tmpdir(), "smk-settings-"));
const pem = join(dir, "corp.pem");
writeFileSync(pem, "-----BEGIN CERTIFICATE-----\n");
const sys = join(dir, "system.crt");
writeFileSync(sys, "-----BEGIN CERTIFICATE-----\n");
const defaults = UserSettings.parse({});

describe("effective settings", () => {
  it("detects CA bundles from the usual variables, then the system bundle, skipping missing files and repeats", () => {
    const found = detectCaBundles({
      env: { SSL_CERT_FILE: "/no/such.pem", REQUESTS_CA_BUNDLE: pem, PIP_CERT: pem },
      systemCaBundles: [sys],
    });
    expect(found).toEqual([
      { path: pem, source: "env REQUESTS_CA_BUNDLE" },
      { path: sys, source: "system bundle" },
    ]);
  });

  it("takes a saved value over the environment and says where each came from", () => {
    const env = {
      HTTPS_PROXY: "http://env-proxy:3128",
      no_proxy: "localhost",
      PIP_INDEX_URL: "https://env/simple",
      NODE_EXTRA_CA_CERTS: pem,
    };
    const auto = effectiveSettings(defaults, { env, systemCaBundles: [] }, "f");
    expect(auto.effective.caBundle).toEqual({ value: pem, source: "auto: env NODE_EXTRA_CA_CERTS" });
    expect(auto.effective.httpsProxy).toEqual({ value: "http://env-proxy:3128", source: "env HTTPS_PROXY" });
    expect(auto.effective.noProxy).toEqual({ value: "localhost", source: "env no_proxy" });
    expect(auto.effective.httpProxy).toEqual({ value: null, source: "not set" });

    const saved = effectiveSettings(
      { ...defaults, caBundleMode: "none", pipIndexUrl: "https://mirror/simple" },
      { env, systemCaBundles: [] },
      "f",
    );
    expect(saved.effective.caBundle.value).toBeNull();
    expect(saved.effective.pipIndexUrl).toEqual({ value: "https://mirror/simple", source: "settings" });
    expect(buildInputs(saved)).toEqual({
      buildArgs: {
        HTTPS_PROXY: "http://env-proxy:3128",
        https_proxy: "http://env-proxy:3128",
        NO_PROXY: "localhost",
        no_proxy: "localhost",
        PIP_INDEX_URL: "https://mirror/simple",
      },
    });
    expect(buildInputs(auto).extraCaCertsPath).toBe(pem);
  });

  it("saves in the state folder, applies at once, and refuses a CA file that does not exist", async () => {
    const stateDir = join(dir, "state");
    const s = settingsChannels(stateDir, { env: {}, systemCaBundles: [] });
    const ctx = { signal: new AbortController().signal };
    expect((await s.channels["settings.get"]({}, ctx)).effective.caBundle.source).toBe("auto: none found");
    await expect(
      s.channels["settings.save"]({ ...defaults, caBundleMode: "file", caBundlePath: join(dir, "missing.pem") }, ctx),
    ).rejects.toMatchObject({ code: "not-found" });
    const view = await s.channels["settings.save"]({ ...defaults, caBundleMode: "file", caBundlePath: pem, httpProxy: "" }, ctx);
    expect(view.file).toBe(join(stateDir, "settings.json"));
    expect(view.saved).not.toHaveProperty("httpProxy");
    expect(await s.forBuild()).toEqual({ extraCaCertsPath: pem, buildArgs: {} });
  });
});
