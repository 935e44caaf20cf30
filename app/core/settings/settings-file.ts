// The per-user settings file, in the state folder the face gives (never inside a project).
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { UserSettings } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";

export const settingsFile = (stateDir: string) => join(stateDir, "settings.json");

/** The saved settings; defaults when there is no file yet, or it no longer parses (never a crash). */
export async function readSettings(stateDir: string): Promise<UserSettings> {
  const text = await readFile(settingsFile(stateDir), "utf8").catch(() => "{}");
  try {
    const parsed = UserSettings.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults
  }
  return UserSettings.parse({});
}

export async function writeSettings(stateDir: string, settings: UserSettings): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  // Empty fields are left out so they fall back to the environment again.
  const clean = Object.fromEntries(Object.entries(UserSettings.parse(settings)).filter(([, v]) => v !== "" && v !== undefined));
  await writeFileAtomic(settingsFile(stateDir), JSON.stringify(clean, null, 2) + "\n");
}
