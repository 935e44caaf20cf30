import { useEffect, useRef } from "react";
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
  onSave(): void;
}

/** The Monaco editor; default export so the whole chunk is loaded with React.lazy. */
export default function CodeEditor({ modelPath, initialValue, savedValue, hasDraft, onChange, onSave }: CodeEditorProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const saveRef = useRef(onSave);
  useEffect(() => {
    saveRef.current = onSave;
  }, [onSave]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || hasDraft || model.uri.toString() !== monaco.Uri.parse(modelPath).toString()) return;
    if (model.getValue() !== savedValue) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: savedValue }], () => null);
  }, [savedValue, hasDraft, modelPath]);

  const onMount: OnMount = (editor, m) => {
    editorRef.current = editor;
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => saveRef.current());
    editor.focus();
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
      }}
    />
  );
}
