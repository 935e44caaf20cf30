// The settings channels, and what a build needs from them (read afresh each time: no restart to apply).
import { existsSync } from "node:fs";
import { type Services, StagemakerError, type UserSettings } from "../../contract";
import { buildInputs, type DetectedEnvironment, effectiveSettings } from "./effective-settings";
import { readSettings, settingsFile, writeSettings } from "./settings-file";

/** The CA bundle and build args a build started now would use (the benchmark's own builds). */
export async function buildInputsFor(stateDir: string, environment: DetectedEnvironment) {
  return buildInputs(effectiveSettings(await readSettings(stateDir), environment, settingsFile(stateDir)));
}

export function settingsChannels(stateDir: string, environment: DetectedEnvironment) {
  const view = async () => effectiveSettings(await readSettings(stateDir), environment, settingsFile(stateDir));
  const check = (s: UserSettings) => {
    if (s.caBundleMode === "file" && (!s.caBundlePath || !existsSync(s.caBundlePath)))
      throw new StagemakerError(
        "not-found",
        `The CA bundle ${s.caBundlePath ? `${s.caBundlePath} does not exist` : "path is empty"}. Give the path of a PEM file, e.g. /etc/ssl/certs/ca-certificates.crt.`,
      );
  };
  const channels: Pick<Services, "settings.get" | "settings.save"> = {
    "settings.get": () => view(),
    "settings.save": async (input) => {
      check(input);
      await writeSettings(stateDir, input);
      return view();
    },
  };
  return {
    channels,
    forBuild: async () => buildInputs(await view()),
    restartAfterBuild: async () => (await readSettings(stateDir)).restartAfterBuild,
    keepRunningAfterQuit: async () => (await readSettings(stateDir)).keepRunningAfterQuit ?? false,
  };
}
