// Whether writing a generated file would lose something the person wrote: compared with the
// template's copy and with what Stagemaker generated last time (.stagemaker/intake.json).
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";
import { resolveInProject } from "../projects/safe-path";

const RECORD = `${PROJECT_STATE_DIR}/intake.json`;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const read = (p: string) => readFile(p, "utf8").catch(() => undefined);

/** Hashes of the files Stagemaker wrote last, so they count as its own and not as the person's edits. */
export async function generatedHashes(projectDir: string): Promise<Record<string, string>> {
  const text = await read(join(projectDir, RECORD));
  try {
    return text ? ((JSON.parse(text) as { files: Record<string, string> }).files ?? {}) : {};
  } catch {
    return {};
  }
}

export async function recordGenerated(projectDir: string, files: { path: string; content: string }[]): Promise<void> {
  const all = { ...(await generatedHashes(projectDir)) };
  for (const f of files) all[f.path] = sha(f.content);
  await mkdir(dirname(join(projectDir, RECORD)), { recursive: true });
  await writeFileAtomic(join(projectDir, RECORD), JSON.stringify({ files: all }, null, 2) + "\n");
}

export async function statusOf(
  projectDir: string,
  templateDir: string,
  files: { path: string; content: string }[],
): Promise<GeneratedFile[]> {
  const hashes = await generatedHashes(projectDir);
  return Promise.all(
    files.map(async (f): Promise<GeneratedFile> => {
      const current = await read(await resolveInProject(projectDir, f.path));
      if (current === undefined) return { ...f, status: "new" };
      if (current === f.content) return { ...f, status: "same" };
      // server/ is the template's, regenerable by Stagemaker (an older project's adapters are replaced, not "yours").
      const ours = f.path.startsWith("server/") || current === (await read(join(templateDir, f.path))) || hashes[f.path] === sha(current);
      const diff = createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, current, f.content, "current", "generated");
      return { ...f, status: ours ? "replaces" : "changed", diff };
    }),
  );
}

/** The file's text when the person wrote it (it is neither the template's nor Stagemaker's last), else undefined. */
export async function personWrote(projectDir: string, templateDir: string, path: string): Promise<string | undefined> {
  const current = await read(await resolveInProject(projectDir, path));
  if (current === undefined || current === (await read(join(templateDir, path)))) return undefined;
  return (await generatedHashes(projectDir))[path] === sha(current) ? undefined : current;
}
