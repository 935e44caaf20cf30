// The last transform result / readiness report of a folder, kept in its .stagemaker/ so it survives a restart.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { writeFileAtomic } from "./atomic-write";
import { PROJECT_STATE_DIR } from "./project-layout";

const file = (dir: string, name: string) => join(dir, PROJECT_STATE_DIR, name);

export async function saveResult(dir: string, name: string, value: unknown): Promise<void> {
  await mkdir(join(dir, PROJECT_STATE_DIR), { recursive: true });
  await writeFileAtomic(file(dir, name), JSON.stringify(value));
}

/** Null when there is none yet, or it no longer matches the contract (an older version wrote it). */
export async function readResult<S extends z.ZodType>(dir: string, name: string, schema: S): Promise<z.output<S> | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file(dir, name), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
