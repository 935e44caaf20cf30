// A unified diff (as the `diff` package writes it) with added, removed and hunk lines coloured; the
// +/- signs stay, so the colour is never the only cue.
export function DiffText({ diff, label, className }: { diff: string; label: string; className?: string }) {
  const tone = (line: string) =>
    line.startsWith("+++") || line.startsWith("---") || line.startsWith("===") || line.startsWith("Index:")
      ? "diff-file"
      : line.startsWith("+")
        ? "diff-add"
        : line.startsWith("-")
          ? "diff-del"
          : line.startsWith("@@")
            ? "diff-hunk"
            : undefined;
  return (
    <pre className={`diff-text ${className ?? ""}`} tabIndex={0} aria-label={label} data-testid="diff-text">
      {diff.split("\n").map((line, i) => (
        <span key={i} className={tone(line)}>
          {line}
          {"\n"}
        </span>
      ))}
    </pre>
  );
}
