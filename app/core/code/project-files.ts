import { lstat, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type FileContent, type FileEntry, StagemakerError } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { ARTIFACTS_DIR, PROJECT_STATE_DIR, TOOL_FOLDERS } from "../projects/project-layout";
import { cleanProjectPath, resolveInProject, toProjectPath } from "../projects/safe-path";

/** Folders the file tree leaves out: app state, artifacts (listed on their own), caches. */
const HIDDEN = new Set([...TOOL_FOLDERS, PROJECT_STATE_DIR, ARTIFACTS_DIR, "wheelhouse"]);
const MAX_READ_BYTES = 5 * 1024 * 1024;

export async function listFiles(projectDir: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (HIDDEN.has(e.name) || e.name.endsWith(".tmp")) continue;
      const abs = join(dir, e.name);
      // Symlinks are shown as files but never followed, so the tree cannot leave the project.
      if (e.isDirectory()) {
        out.push({ path: toProjectPath(projectDir, abs), kind: "dir", size: 0 });
        await walk(abs);
      } else if (e.isFile() || e.isSymbolicLink()) {
        const s = await lstat(abs);
        out.push({ path: toProjectPath(projectDir, abs), kind: "file", size: s.size });
      }
    }
  };
  await walk(projectDir);
  // SageMaker script mode: the handler script lives in the model data (artifacts/code/), where
  // SageMaker extracts it; that folder is code, so it is listed (the rest of artifacts/ is not).
  const code = join(projectDir, "artifacts", "code");
  if ((await lstat(code).catch(() => null))?.isDirectory()) {
    out.push({ path: "artifacts", kind: "dir", size: 0 }, { path: "artifacts/code", kind: "dir", size: 0 });
    await walk(code);
  }
  return out;
}

export async function readProjectFile(projectDir: string, relPath: string): Promise<FileContent> {
  const abs = await resolveInProject(projectDir, relPath);
  const s = await stat(abs).catch(() => {
    throw new StagemakerError("not-found", `${relPath} does not exist in the project.`);
  });
  if (!s.isFile()) throw new StagemakerError("invalid-input", `${relPath} is a folder, not a file.`);
  if (s.size > MAX_READ_BYTES)
    throw new StagemakerError("invalid-input", `${relPath} is ${s.size} bytes; files over 5 MB are not opened in the editor.`);
  return { path: cleanProjectPath(relPath), content: await readFile(abs, "utf8"), size: s.size };
}

export async function writeProjectFile(projectDir: string, relPath: string, content: string): Promise<FileEntry> {
  const abs = await resolveInProject(projectDir, relPath);
  await mkdir(dirname(abs), { recursive: true });
  // Re-check after creating parents: a parent could have been a link created meanwhile.
  await resolveInProject(projectDir, relPath);
  await writeFileAtomic(abs, content);
  return { path: cleanProjectPath(relPath), kind: "file", size: Buffer.byteLength(content) };
}
