// The folder picker of the browser face: lists folders under the allowed roots only (home, workspace).
import { existsSync } from "node:fs";
import { readdir, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { type FolderListing, type Services, StagemakerError } from "../../contract";
import { MANIFEST_FILE } from "../projects/project-layout";

export interface FolderRoots {
  homeDir: string;
  workspaceDir: string;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
};

/**
 * Whoever reaches the browser host can drive this, so a path is resolved through symlinks and
 * refused unless it lies under a root: no listing of /etc, nor of a link that leads there.
 */
export async function listFolders(roots: FolderRoots, path: string | undefined): Promise<FolderListing> {
  const rootList = [
    { label: "Workspace", path: await realpath(roots.workspaceDir).catch(() => roots.workspaceDir) },
    { label: "Home", path: await realpath(roots.homeDir).catch(() => roots.homeDir) },
  ].filter((r, i, all) => all.findIndex((o) => o.path === r.path) === i && existsSync(r.path));
  const wanted = path ?? rootList[0]?.path;
  if (!wanted || !isAbsolute(wanted)) throw new StagemakerError("invalid-input", `Give an absolute folder path (got "${path}").`);
  const real = await realpath(wanted).catch(() => {
    throw new StagemakerError("not-found", `${wanted} does not exist.`);
  });
  const root = rootList.find((r) => inside(r.path, real));
  if (!root)
    throw new StagemakerError(
      "outside-project",
      `${wanted} is outside your home and workspace folders; the folder picker shows only those.`,
    );
  const dirents = await readdir(real, { withFileTypes: true }).catch((err: Error) => {
    throw new StagemakerError("not-found", `${real} cannot be read: ${err.message}`);
  });
  const entries = dirents
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => ({ name: d.name, path: join(real, d.name), isProject: existsSync(join(real, d.name, MANIFEST_FILE)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    path: real,
    parent: real === root.path ? null : dirname(real),
    isProject: existsSync(join(real, MANIFEST_FILE)),
    isEmpty: dirents.length === 0,
    roots: rootList,
    entries,
  };
}

export function folderChannels(roots: FolderRoots): Pick<Services, "folders.list"> {
  return { "folders.list": ({ path }) => listFolders(roots, path) };
}
