import prettyBytes from "pretty-bytes";

/** Human sizes the way file managers show them (1 kB = 1000 B), so "5.2 MB" matches `ls -lh --si`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  // One decimal below 100 of a unit ("5.2 MB", "1.0 kB"), none above ("123 kB"): steady widths in lists.
  const scaled = bytes / 1000 ** Math.max(0, Math.floor(Math.log10(Math.max(bytes, 1)) / 3));
  const digits = bytes < 1000 || scaled >= 100 ? 0 : 1;
  return prettyBytes(bytes, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
