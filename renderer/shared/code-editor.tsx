import { useEffect, useRef, useState } from "react";
import type { Problem } from "../../app/contract";
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import { monaco } from "./monaco-setup";

// Use the bundled Monaco instead of @monaco-editor/react's default CDN loader.
loader.config({ monaco });

export interface CodeEditorProps {
  /** Unique per project and file: Monaco keeps one model (and its undo stack) per path, and picks its language from it. */
  modelPath: string;
  initialValue: string;
  /** The saved text; when it changes on disk and there is no draft, the editor follows it. */
  savedValue: string;
  hasDraft: boolean;
  onChange(value: string): void;
  /** Filled with a reader of the model's current text: every save (Ctrl/Cmd+S, the button) saves what it reads. */
  textSource?: { current: (() => string) | undefined };
  /** This file's diagnostics, shown as markers (squiggles, hover messages, F8 to step through). */
  problems?: Problem[];
  /** Where the problems list asked to go; a new object each time. */
  revealAt?: { line: number; column: number };
  /** The editor's accessible name (Monaco's own text area). */
  label?: string;
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const; // monaco.MarkerSeverity's values

/** The Monaco editor; default export so the whole chunk is loaded with React.lazy. */
export default function CodeEditor({
  modelPath,
  initialValue,
  savedValue,
  hasDraft,
  onChange,
  textSource,
  problems = [],
  revealAt,
  label,
}: CodeEditorProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const [mounted, setMounted] = useState(false);

  useEffect(() => {
    const model = mounted ? monaco.editor.getModel(monaco.Uri.parse(modelPath)) : null;
    if (!model) return;
    const markers = problems.map((p) => ({
      severity: SEVERITY[p.severity],
      message: p.message,
      source: p.source,
      code: p.code ?? undefined,
      startLineNumber: p.line,
      startColumn: p.column,
      endLineNumber: p.endLine,
      endColumn: p.endLine === p.line && p.endColumn <= p.column ? p.column + 1 : p.endColumn,
    }));
    monaco.editor.setModelMarkers(model, "python", markers);
  }, [problems, modelPath, mounted]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !revealAt) return;
    editor.setPosition({ lineNumber: revealAt.line, column: revealAt.column });
    editor.revealLineInCenter(revealAt.line);
    editor.focus();
  }, [revealAt]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || hasDraft || model.uri.toString() !== monaco.Uri.parse(modelPath).toString()) return;
    if (model.getValue() !== savedValue) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: savedValue }], () => null);
  }, [savedValue, hasDraft, modelPath]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    if (textSource) textSource.current = () => editor.getValue();
    editor.focus();
    setMounted(true);
  };

  return (
    <Editor
      path={modelPath}
      defaultValue={initialValue}
      theme="stagemaker"
      onMount={onMount}
      onChange={(v) => onChange(v ?? "")}
      loading={<div className="editor-loading">Loading editor…</div>}
      options={{
        fontSize: 13,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 4,
        renderWhitespace: "selection",
        ariaLabel: label,
      }}
    />
  );
}
