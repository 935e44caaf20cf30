import { lazy, Suspense, useCallback, useEffect, useRef } from "react";
import { errorText } from "../../api/error-text";
import type { DraftsApi } from "./use-drafts";
import { useFile, useSaveFile } from "./use-file";

const CodeEditor = lazy(() => import("./code-editor"));

interface Props {
  project: string;
  path: string | null;
  drafts: DraftsApi;
  onSaved?(path: string): void;
}

/** One open file: Monaco with the draft (if any) over the saved text, Save and Ctrl/Cmd+S. */
export function EditorPane({ project, path, drafts, onSaved }: Props) {
  const file = useFile(project, path);
  const save = useSaveFile(project);
  const draft = path ? drafts.drafts[path] : undefined;
  const saved = file.data?.content;
  const dirty = draft !== undefined && saved !== undefined && draft.content !== saved;

  const doSave = useCallback(() => {
    if (!path || saved === undefined || !draft || save.isPending) return;
    const content = draft.content;
    save.mutate(
      { path, content },
      {
        onSuccess: () => {
          drafts.discard(path);
          onSaved?.(path);
        },
      },
    );
  }, [path, saved, draft, save, drafts, onSaved]);

  // Ctrl/Cmd+S also when the focus is outside Monaco (the tree, a button).
  const saveRef = useRef(doSave);
  saveRef.current = doSave;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (!path) return <div className="editor-empty muted">Pick a file on the left.</div>;

  return (
    <section className="editor-pane">
      <header className="editor-header">
        <span className="editor-path" title={path}>
          {path}
        </span>
        {dirty && (
          <span className="dirty-marker" data-testid="dirty-marker" title="Unsaved changes (kept as a draft)">
            ● unsaved
          </span>
        )}
        {save.isError && <span className="field-error">{errorText(save.error)}</span>}
        <span className="spacer" />
        <button type="button" className="primary" onClick={doSave} disabled={!dirty || save.isPending} aria-keyshortcuts="Control+S Meta+S">
          {save.isPending ? "Saving…" : "Save"}
        </button>
      </header>
      <div className="editor-host" data-testid="editor">
        {file.isPending && <div className="editor-loading">Opening {path}…</div>}
        {file.isError && <div className="field-error pad">Could not open {path}: {errorText(file.error)}</div>}
        {file.data && drafts.ready && (
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <CodeEditor
              modelPath={`file://${project}/${path}`}
              initialValue={draft?.content ?? file.data.content}
              savedValue={file.data.content}
              hasDraft={draft !== undefined}
              onChange={(v) => drafts.edit(path, v, file.data.content)}
              onSave={doSave}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}
