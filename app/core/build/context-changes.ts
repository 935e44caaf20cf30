import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { contextIgnore } from "./context-ignore";

/**
 * Build-context files (honouring .dockerignore) changed after `sinceMs`, leaving out the folders
 * given (dev mode mounts model/, so edits there need no rebuild). Tells a reload whether the
 * image itself is out of date: a new requirement, a Dockerfile or server edit.
 */
export async function contextChangedSince(
  projectDir: string,
  sinceMs: number,
  { excludeDirs = [], bakeArtifacts = false }: { excludeDirs?: string[]; bakeArtifacts?: boolean } = {},
): Promise<string[]> {
  const ignored = await contextIgnore(projectDir, { bakeArtifacts });
  const changed: string[] = [];
  for (const e of await readdir(projectDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = relative(projectDir, join(e.parentPath, e.name)).split(sep).join("/");
    if (excludeDirs.some((d) => rel.startsWith(`${d}/`)) || ignored(rel)) continue;
    if ((await stat(join(projectDir, rel))).mtimeMs > sinceMs) changed.push(rel);
  }
  return changed;
}
