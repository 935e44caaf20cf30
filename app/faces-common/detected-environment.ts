// Read once by each face's composition root: the environment settings fall back to (the core reads no env vars).
import { homedir } from "node:os";
import { type DetectedEnvironment, SYSTEM_CA_BUNDLES } from "../core/settings/effective-settings";

export function detectedEnvironment(env: NodeJS.ProcessEnv = process.env): DetectedEnvironment {
  return { env: { ...env }, systemCaBundles: SYSTEM_CA_BUNDLES };
}

/** What every face passes to createServices besides its folders. */
export function environmentOptions(env: NodeJS.ProcessEnv = process.env) {
  return { environment: detectedEnvironment(env), homeDir: homedir() };
}
