// Sizes as every face shows them, so a layer of 300 kB reads "300 kB" in the app, the CLI and a report, never "0.3 MB".
import prettyBytes from "pretty-bytes";

/** Human sizes the way file managers show them (1 kB = 1000 B), so "5.2 MB" matches `ls -lh --si`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  // One decimal below 100 of a unit ("5.2 MB", "1.0 kB"), none above ("123 kB"): steady widths in lists.
  const scaled = bytes / 1000 ** Math.max(0, Math.floor(Math.log10(Math.max(bytes, 1)) / 3));
  const digits = bytes < 1000 || scaled >= 100 ? 0 : 1;
  return prettyBytes(bytes, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
