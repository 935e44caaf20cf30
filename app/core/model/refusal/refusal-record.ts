// The last intake's refusal, kept in the project's .stagemaker/refusal.json: it outlives the app (a
// restart, another face) so a refused model is never built as the template's example predictor.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_STATE_DIR } from "../../projects/project-layout";
import { readResult, saveResult } from "../../projects/saved-result";

const FILE = "refusal.json";

export const RefusalRecord = z.object({
  /** The artifact the intake was asked to read (a model.tar.gz is gone once unpacked: see `files`). */
  artifact: z.string(),
  /** The files under artifacts/ the refusal is about; it no longer applies once none of them is there. */
  files: z.array(z.string()),
  /** The refusal as the intake said it: what, why and what to do. */
  message: z.string(),
  at: z.string(),
});
export type RefusalRecord = z.infer<typeof RefusalRecord>;

export async function recordRefusal(projectDir: string, artifact: string, files: string[], message: string): Promise<void> {
  const record: RefusalRecord = { artifact, files: files.length ? files : [artifact], message, at: new Date().toISOString() };
  await saveResult(projectDir, FILE, record);
}

export const readRefusal = (projectDir: string) => readResult(projectDir, FILE, RefusalRecord);

/** A later intake wrote the project's files (or made it a handler project): the refusal is history. */
export const clearRefusal = (projectDir: string) => rm(join(projectDir, PROJECT_STATE_DIR, FILE), { force: true });
