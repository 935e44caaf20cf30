import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { buildTree, type TreeNode } from "./file-tree-model";

interface Props {
  project: string;
  selected: string | null;
  dirty: Set<string>;
  onSelect(path: string): void;
}

const COLLAPSED_AT_START = new Set(["artifacts", "server", "tests"]);

/** The project's files; folders fold, unsaved files carry a dot. */
export function FileTree({ project, selected, dirty, onSelect }: Props) {
  const api = useApi();
  const files = useQuery({ queryKey: keys.files(project), queryFn: () => api.call("files.list", { project }) });
  const tree = useMemo(() => buildTree(files.data ?? []), [files.data]);
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
        <li key={n.path} role="treeitem" aria-label={n.path} aria-expanded={n.kind === "dir" ? open : undefined} aria-selected={n.path === selected}>
          <button
            type="button"
            className={`tree-row ${n.path === selected ? "selected" : ""}`}
            style={{ paddingLeft: 8 + depth * 14 }}
            onClick={() => (n.kind === "dir" ? toggle(n.path) : onSelect(n.path))}
            title={n.path}
          >
            <span className={`tree-icon ${n.kind}`} aria-hidden="true">
              {n.kind === "dir" ? (open ? "▾" : "▸") : ""}
            </span>
            <span className="tree-name">{n.name}</span>
            {dirty.has(n.path) && <span className="tree-dirty" title="Unsaved changes" aria-label="unsaved" />}
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
      <ul role="tree">{render(tree, 0)}</ul>
    </nav>
  );
}
