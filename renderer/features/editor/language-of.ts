/** Monaco language id for a project file; anything unknown is still editable as plain text. */
export function languageOf(path: string): string {
  const name = path.split("/").pop() ?? path;
  if (/^Dockerfile(\..*)?$/i.test(name)) return "dockerfile";
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  switch (ext) {
    case "py":
    case "pyi":
      return "python";
    case "json":
    case "jsonl":
      return "json";
    case "md":
      return "markdown";
    case "yml":
    case "yaml":
      return "yaml";
    case "sh":
    case "bash":
      return "shell";
    case "ini":
    case "cfg":
    case "toml":
    case "env":
      return "ini";
    default:
      return name === "serve" ? "shell" : "plaintext";
  }
}
