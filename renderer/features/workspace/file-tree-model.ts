import { type FileEntry, PROJECT_STATE_DIR, TOOL_FOLDERS } from "../../../app/contract";

export interface TreeNode {
  name: string;
  path: string;
  kind: "file" | "dir";
  size: number;
  children: TreeNode[];
}

/** App state and caches a person never edits stay out of the tree. */
const HIDDEN_FOLDERS = new Set([PROJECT_STATE_DIR, ...TOOL_FOLDERS]);
const hidden = (path: string) => path.split("/").some((part) => HIDDEN_FOLDERS.has(part));

/** What a person edits, in this order, at the top of the tree; anything unknown follows them. */
const MODEL_FIRST = ["model", "requirements.txt", "system-packages.txt", "examples", "artifacts"];
/** The template's machinery: shown under one folded "Server (managed by Stagemaker)" group. */
const MANAGED = new Set([
  "server",
  "tools",
  "tests",
  "Dockerfile",
  "dev.Dockerfile",
  "pyproject.toml",
  "requirements-dev.txt",
  "Makefile",
  "verify.sh",
  "VERSION",
  ".dockerignore",
  "README.md",
  "stagemaker.json",
  ".gitignore",
  ".github",
  "deploy",
]);
export const MANAGED_GROUP = "(managed)";

/**
 * The top level ordered for a data scientist: the files they edit first, then their other files,
 * then a group node holding the server template's files (still readable and editable).
 */
export function modelFirst(nodes: TreeNode[]): TreeNode[] {
  const rank = (n: TreeNode) => (MODEL_FIRST.includes(n.name) ? MODEL_FIRST.indexOf(n.name) : MODEL_FIRST.length);
  const own = nodes.filter((n) => !MANAGED.has(n.name)).sort((a, b) => rank(a) - rank(b));
  const managed = nodes.filter((n) => MANAGED.has(n.name));
  if (managed.length === 0) return own;
  return [...own, { name: "Server (managed by Stagemaker)", path: MANAGED_GROUP, kind: "dir", size: 0, children: managed }];
}

/** Nest the core's flat listing; folders first, then names, like every file manager. */
export function buildTree(entries: FileEntry[]): TreeNode[] {
  const root: TreeNode = { name: "", path: "", kind: "dir", size: 0, children: [] };
  const dirs = new Map<string, TreeNode>([["", root]]);
  const ensureDir = (path: string): TreeNode => {
    const found = dirs.get(path);
    if (found) return found;
    const cut = path.lastIndexOf("/");
    const parent = ensureDir(cut < 0 ? "" : path.slice(0, cut));
    const node: TreeNode = { name: path.slice(cut + 1), path, kind: "dir", size: 0, children: [] };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  for (const e of entries) {
    if (hidden(e.path)) continue;
    if (e.kind === "dir") {
      ensureDir(e.path);
      continue;
    }
    const cut = e.path.lastIndexOf("/");
    const parent = ensureDir(cut < 0 ? "" : e.path.slice(0, cut));
    parent.children.push({ name: e.path.slice(cut + 1), path: e.path, kind: "file", size: e.size, children: [] });
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "dir" ? -1 : 1));
    n.children.forEach(sort);
  };
  sort(root);
  return root.children;
}
