import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";

/** The project's last successful build: which image, and when its context was read. */
const BuildRecord = z.object({ imageId: z.string(), tag: z.string(), contextReadAt: z.number() });
export type BuildRecord = z.infer<typeof BuildRecord>;

const file = (projectDir: string) => join(projectDir, PROJECT_STATE_DIR, "last-build.json");

export async function writeBuildRecord(projectDir: string, record: BuildRecord): Promise<void> {
  await mkdir(join(projectDir, PROJECT_STATE_DIR), { recursive: true });
  await writeFileAtomic(file(projectDir), JSON.stringify(record));
}

export async function readBuildRecord(projectDir: string): Promise<BuildRecord | undefined> {
  try {
    const parsed = BuildRecord.safeParse(JSON.parse(await readFile(file(projectDir), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
