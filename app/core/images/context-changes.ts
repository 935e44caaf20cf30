import ignore from "@balena/dockerignore";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/**
 * Build-context files (honouring .dockerignore) changed after `sinceMs`, leaving out the folders
 * given (dev mode mounts model/, so edits there need no rebuild). Tells a reload whether the
 * image itself is out of date: a new requirement, a Dockerfile or server edit.
 */
export async function contextChangedSince(projectDir: string, sinceMs: number, excludeDirs: string[] = []): Promise<string[]> {
  const rules = await readFile(join(projectDir, ".dockerignore"), "utf8").then(
    (t) => t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")),
    () => [] as string[],
  );
  const ig = ignore().add([...rules, "artifacts", ".stagemaker", "stagemaker.json"]);
  const changed: string[] = [];
  for (const e of await readdir(projectDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = relative(projectDir, join(e.parentPath, e.name)).split(sep).join("/");
    if (excludeDirs.some((d) => rel.startsWith(`${d}/`)) || ig.ignores(rel)) continue;
    if ((await stat(join(projectDir, rel))).mtimeMs > sinceMs) changed.push(rel);
  }
  return changed;
}
