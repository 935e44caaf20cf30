// The settings of a project's last export, kept in .stagemaker/export.json so the panel and the
// CLI start from them after a restart.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ExportSettings, SavedExportSettings } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";

const file = (dir: string) => join(dir, PROJECT_STATE_DIR, "export.json");

export async function lastExportSettings(projectDir: string): Promise<Partial<ExportSettings>> {
  const text = await readFile(file(projectDir), "utf8").catch(() => null);
  if (!text) return {};
  try {
    const parsed = SavedExportSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {}; // a damaged file only loses the prefill
  }
}

export async function saveExportSettings(projectDir: string, settings: ExportSettings): Promise<void> {
  await mkdir(join(projectDir, PROJECT_STATE_DIR), { recursive: true });
  // The message is for one commit, not a setting.
  const { message: _message, ...kept } = settings;
  await writeFileAtomic(file(projectDir), JSON.stringify(kept, null, 2) + "\n");
}
