import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { DiagnosticsResult, Problem } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { ProblemsList } from "./problems-list";
import { firstSyntaxError, isCheckedPath, useDiagnostics } from "./use-diagnostics";
import type { DraftsApi } from "./use-drafts";
import { useFile, useSaveFile } from "./use-file";

const CodeEditor = lazy(() => import("../../shared/code-editor"));
/** How long a save of model/ code waits for the Python check before a dev reload goes ahead anyway (warm: ~1 s). */
const RELOAD_WAITS_FOR_CHECK_MS = 4000;

interface Props {
  project: string;
  path: string | null;
  drafts: DraftsApi;
  /** After a save; `check` is the Python check of model/ when the file is a model/ .py file (null if it could not run). */
  onSaved?(path: string, check?: DiagnosticsResult | null): void;
  /** Opens another file (a problem in it was chosen). */
  onOpen?(path: string): void;
}

/** One open file: Monaco with the draft (if any) over the saved text, Save and Ctrl/Cmd+S. */
export function EditorPane({ project, path, drafts, onSaved, onOpen }: Props) {
  const file = useFile(project, path);
  const save = useSaveFile(project);
  const diagnostics = useDiagnostics(project);
  const [savedUnparsed, setSavedUnparsed] = useState<Problem | null>(null);
  const [revealAt, setRevealAt] = useState<{ path: string; line: number; column: number } | undefined>();
  // The first check starts the tools container, so the first save finds it warm.
  const checkSavedRef = useRef(diagnostics.checkSaved);
  checkSavedRef.current = diagnostics.checkSaved;
  useEffect(() => {
    void checkSavedRef.current();
  }, [project]);
  const draft = path ? drafts.drafts[path] : undefined;
  const saved = file.data?.content;
  const dirty = draft !== undefined && saved !== undefined && draft.content !== saved;

  /** After a model/ .py save: the Python check, then the caller (dev reload) told whether it parses. */
  const afterSave = useCallback(
    async (path: string) => {
      // A file that does not parse is saved all the same; the check says so, and the caller
      // (dev reload) waits for a version that parses.
      const checking = diagnostics.checkSaved().then((check) => {
        setSavedUnparsed(check && !check.parses ? (firstSyntaxError(check) ?? null) : null);
        return check;
      });
      // A cold first check (the tools image being built) must not hold the inner loop back:
      // past this wait the reload goes ahead, and the markers follow when the check answers.
      const check = await Promise.race([checking, new Promise<undefined>((r) => setTimeout(r, RELOAD_WAITS_FOR_CHECK_MS))]);
      onSaved?.(path, check);
    },
    [diagnostics, onSaved],
  );

  // Ctrl/Cmd+S while a save is on its way: saved again, with the text of that moment, once it lands.
  const saveAgain = useRef(false);
  /** Reads the open editor model's text (set by the editor once it is mounted). */
  const currentText = useRef<(() => string) | undefined>(undefined);

  /**
   * `current` is the editor model's text at the moment of Ctrl/Cmd+S: the draft is recorded through
   * React state, so right after fast typing it may still lack the last keystrokes.
   */
  const doSave = useCallback(
    (current?: string) => {
      const content = current ?? draft?.content;
      if (!path || saved === undefined || content === undefined) return;
      if (save.isPending) {
        saveAgain.current = true;
        return;
      }
      if (content === saved && !draft) return;
      save.mutate(
        { path, content },
        {
          onSuccess: (_entry, v) => {
            drafts.saved(path, v.content, currentText.current?.());
            if (!isCheckedPath(path)) return onSaved?.(path);
            void afterSave(path);
          },
        },
      );
    },
    [path, saved, draft, save, drafts, onSaved, afterSave],
  );

  const openProblem = (p: Problem) => {
    if (p.path !== path) onOpen?.(p.path);
    setRevealAt({ path: p.path, line: p.line, column: p.column });
  };

  // Ctrl/Cmd+S has one handler, wherever the focus is (Monaco, the tree, a button): on the window,
  // in the capture phase, so it runs before any element's own keys (Monaco's own key commands are
  // global: with two editors on the page the last one's would win) and always with this render's
  // doSave and the editor's text of this moment. Not while the Code tab is hidden.
  const saveRef = useRef(doSave);
  saveRef.current = doSave;
  const paneRef = useRef<HTMLElement>(null);
  // The save asked for while one was on its way, once that one has landed (this render sees it done).
  useEffect(() => {
    if (save.isPending || !saveAgain.current) return;
    saveAgain.current = false;
    saveRef.current(currentText.current?.());
  }, [save.isPending]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!paneRef.current || paneRef.current.closest("[hidden]")) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        e.stopPropagation();
        saveRef.current(currentText.current?.());
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, []);

  if (!path) return <div className="editor-empty muted">Pick a file on the left.</div>;

  return (
    <section className="editor-pane" ref={paneRef}>
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
        <span role="status" className="editor-check" data-testid="save-check">
          {savedUnparsed && (
            <span className="field-error">
              Saved, but {savedUnparsed.path} does not parse (line {savedUnparsed.line}: {savedUnparsed.message}). The running server keeps
              its last version until it does.
            </span>
          )}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => doSave(currentText.current?.())}
          disabled={!dirty || save.isPending}
          aria-keyshortcuts="Control+S Meta+S"
        >
          {save.isPending ? "Saving…" : "Save"}
        </button>
      </header>
      <div className="editor-host" data-testid="editor">
        {file.isPending && <div className="editor-loading">Opening {path}…</div>}
        {file.isError && (
          <div className="field-error pad">
            Could not open {path}: {errorText(file.error)}
          </div>
        )}
        {file.data && drafts.ready && (
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <CodeEditor
              modelPath={`file://${project}/${path}`}
              initialValue={draft?.content ?? file.data.content}
              savedValue={file.data.content}
              hasDraft={draft !== undefined}
              onChange={(v) => {
                drafts.edit(path, v, file.data.content);
                diagnostics.checkWhileTyping(path, v);
              }}
              problems={diagnostics.problems.filter((p) => p.path === path)}
              revealAt={revealAt?.path === path ? revealAt : undefined}
              label={`Code editor: ${path}`}
              textSource={currentText}
            />
          </Suspense>
        )}
      </div>
      <ProblemsList problems={diagnostics.problems} checking={diagnostics.checking} error={diagnostics.error} onOpen={openProblem} />
    </section>
  );
}
