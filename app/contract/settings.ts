// Per-user settings (never per project): the CA bundle, proxies and package index that builds use.
import { z } from "zod";

const Text = z.string().trim().max(2000);

/** What the person saved. An empty or missing field falls back to the environment the app started in. */
export const UserSettings = z.object({
  /** auto: the first CA bundle found in the environment; file: `caBundlePath`; none: add no CA to builds. */
  caBundleMode: z.enum(["auto", "file", "none"]).default("auto"),
  caBundlePath: Text.optional(),
  httpProxy: Text.optional(),
  httpsProxy: Text.optional(),
  noProxy: Text.optional(),
  pipIndexUrl: Text.optional(),
  pipExtraIndexUrl: Text.optional(),
  /** After a successful build while the project runs, start a container from the new image at once. */
  restartAfterBuild: z.boolean().default(false),
  /** Leave the project's running server (and pipelines) up when the app quits; off: quitting stops them. */
  keepRunningAfterQuit: z.boolean().optional(),
});
export type UserSettings = z.infer<typeof UserSettings>;

/** One setting as builds will use it, and where that value came from ("settings", "env SSL_CERT_FILE", "system bundle"). */
export const EffectiveValue = z.object({ value: z.string().nullable(), source: z.string() });
export type EffectiveValue = z.infer<typeof EffectiveValue>;

export const SettingsView = z.object({
  saved: UserSettings,
  /** The file the settings live in (in the per-user state folder). */
  file: z.string(),
  effective: z.object({
    caBundle: EffectiveValue,
    httpProxy: EffectiveValue,
    httpsProxy: EffectiveValue,
    noProxy: EffectiveValue,
    pipIndexUrl: EffectiveValue,
    pipExtraIndexUrl: EffectiveValue,
  }),
  /** CA bundles found in the environment, in the order auto-detection tries them. */
  detectedCaBundles: z.array(z.object({ path: z.string(), source: z.string() })),
});
export type SettingsView = z.infer<typeof SettingsView>;
