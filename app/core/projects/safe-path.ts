import { realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { StagemakerError } from "../../contract";

/**
 * Resolves a project-relative path to an absolute one, refusing anything that could leave the
 * project: absolute paths, `..` segments, NUL bytes, and symlinks (of the file or any parent) that
 * lead outside. Works for paths that do not exist yet (the deepest existing parent is checked).
 */
export async function resolveInProject(projectDir: string, relPath: string): Promise<string> {
  const refuse = (why: string) =>
    new StagemakerError("outside-project", `"${relPath}" is not a path inside the project: ${why}.`, { path: relPath });
  if (relPath.includes("\0")) throw refuse("it contains a NUL byte");
  if (isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath) || relPath.startsWith("\\"))
    throw refuse("absolute paths are not allowed; give it relative to the project folder");
  const parts = relPath.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw refuse("`..` is not allowed");
  if (parts.length === 0) throw refuse("it names the project folder itself");
  const root = await realpath(projectDir).catch(() => {
    throw new StagemakerError("not-found", `The project folder ${projectDir} does not exist.`);
  });
  const target = join(root, ...parts);
  const real = await realExisting(target);
  const rel = relative(root, real);
  if (rel.startsWith(".." + sep) || rel === ".." || isAbsolute(rel)) throw refuse("a symbolic link leads outside the project");
  return target;
}

/** realpath of the path, or of its deepest existing parent joined with the missing rest. */
async function realExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realExisting(parent), path.slice(parent.length + 1));
  }
}

/** Project-relative path with "/" separators, for the contract. */
export function toProjectPath(projectDir: string, absPath: string): string {
  return relative(projectDir, absPath).split(sep).join("/");
}

/** The path as the contract shows it: "/" separators, no "." or empty segments. */
export function cleanProjectPath(relPath: string): string {
  return relPath
    .split(/[\\/]+/)
    .filter((p) => p !== "" && p !== ".")
    .join("/");
}
