/**
 * Monaco, bundled locally and reached only through the lazy editor chunk. The API entry plus the
 * editor features and the few languages a model project has; the workers are Vite `?worker` imports (package subpaths need their .js: monaco exports "./*" literally),
 * emitted as module workers on the app's own origin (no CDN, no blob: or data: URLs).
 */
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import "monaco-editor/esm/vs/editor/edcore.main.js";
import "monaco-editor/esm/vs/language/json/monaco.contribution.js";
import "monaco-editor/esm/vs/basic-languages/python/python.contribution.js";
import "monaco-editor/esm/vs/basic-languages/markdown/markdown.contribution.js";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js";
import "monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.contribution.js";
import "monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js";
import "monaco-editor/esm/vs/basic-languages/ini/ini.contribution.js";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import JsonWorker from "monaco-editor/esm/vs/language/json/json.worker.js?worker";

// Monaco picks each file's language from its own registry (extensions, file names, first line) when
// a model is created from its path; these add what a model project has that Monaco does not know.
monaco.languages.register({ id: "python", extensions: [".pyi"] });
monaco.languages.register({ id: "json", extensions: [".jsonl"] });
monaco.languages.register({ id: "shell", filenames: ["serve"] });
monaco.languages.register({ id: "ini", extensions: [".toml", ".cfg", ".env"] });
monaco.languages.register({ id: "dockerfile", filenamePatterns: ["Dockerfile.*"] });

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === "json" ? new JsonWorker() : new EditorWorker();
  },
};

monaco.editor.defineTheme("stagemaker", {
  base: "vs",
  inherit: true,
  rules: [],
  // Line numbers at 4.8:1 on white (WCAG AA); the active one darker still.
  colors: { "editor.background": "#ffffff", "editorLineNumber.foreground": "#6b7280", "editorLineNumber.activeForeground": "#1d2330" },
});

export { monaco };
