import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { buildTree, MANAGED_GROUP, modelFirst, type TreeNode } from "./file-tree-model";

interface Props {
  project: string;
  selected: string | null;
  dirty: Set<string>;
  onSelect(path: string): void;
}

const COLLAPSED_AT_START = new Set(["artifacts", MANAGED_GROUP, "server", "tests"]);

/**
 * The project's files, model first (see modelFirst); folders fold, unsaved files carry a dot.
 * Each row is the tree item itself (a button with role treeitem): its accessible name is its
 * visible text, and no interactive control is nested in another.
 */
export function FileTree({ project, selected, dirty, onSelect }: Props) {
  const api = useApi();
  const files = useQuery({ queryKey: keys.files(project), queryFn: () => api.call("code.list", { project }) });
  const tree = useMemo(() => modelFirst(buildTree(files.data ?? [])), [files.data]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set(COLLAPSED_AT_START));
  const toggle = (path: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  const render = (nodes: TreeNode[], depth: number) =>
    nodes.map((n) => {
      const open = !collapsed.has(n.path);
      return (
        <li key={n.path} role="none">
          <button
            type="button"
            role="treeitem"
            aria-level={depth + 1}
            aria-expanded={n.kind === "dir" ? open : undefined}
            aria-selected={n.kind === "file" ? n.path === selected : undefined}
            data-path={n.path}
            className={`tree-row ${n.path === selected ? "selected" : ""} ${n.path === MANAGED_GROUP ? "tree-group" : ""}`}
            style={{ paddingLeft: 8 + depth * 14 }}
            onClick={() => (n.kind === "dir" ? toggle(n.path) : onSelect(n.path))}
            title={
              n.path === MANAGED_GROUP
                ? "The server template's files: Stagemaker keeps them working; you may still read and edit them"
                : n.path
            }
          >
            <span className={`tree-icon ${n.kind}`} aria-hidden="true">
              {n.kind === "dir" ? (open ? "▾" : "▸") : ""}
            </span>
            <span className="tree-name">{n.name}</span>
            {dirty.has(n.path) && (
              <span className="tree-dirty" title="Unsaved changes">
                <span className="visually-hidden">(unsaved)</span>
              </span>
            )}
          </button>
          {n.kind === "dir" && open && n.children.length > 0 && <ul role="group">{render(n.children, depth + 1)}</ul>}
        </li>
      );
    });

  return (
    <nav className="file-tree" data-testid="file-tree" aria-label="Project files">
      <div className="pane-title">
        <span>Files</span>
        <button type="button" className="ghost small" onClick={() => void files.refetch()} title="Reload the file list">
          ↻
        </button>
      </div>
      {files.isPending && <p className="muted pad">Loading…</p>}
      {files.isError && <p className="field-error pad">{errorText(files.error)}</p>}
      <ul role="tree" aria-label="Project files">
        {render(tree, 0)}
      </ul>
      <p className="tree-help">
        <button type="button" className="link" onClick={() => onSelect("README.md")}>
          Help: the project's README
        </button>
      </p>
    </nav>
  );
}
