// Request bodies for a zoo entry and the comparison of the server's answers with the framework's
// own predictions: the first k values of each answer row must equal the k outputs of predict().
import Papa from "papaparse";
import type { Cell, Predicted } from "./zoo-entry";

/** Floats agree within this relative (or, near zero, absolute) tolerance: float32 runtimes, BLAS order. */
const RELATIVE = 1e-5;
const ABSOLUTE = 1e-6;

export type Agreement = { ok: true } | { ok: false; reason: string };

/** Rows in feature order as SageMaker CSV: no header, a missing value as an empty cell. */
export function csvBody(rows: Cell[][]): string {
  return (
    Papa.unparse(
      rows.map((r) => r.map((v) => (v === null ? "" : v))),
      { newline: "\n" },
    ) + "\n"
  );
}

/** `{"instances": [...]}` keyed by feature name (a missing value as null). */
export function jsonBody(records: Record<string, Cell>[]): string {
  return JSON.stringify({ instances: records });
}

const wanted = (p: Predicted): Cell[] => (Array.isArray(p) ? p : [p]);

function sameNumber(want: number, got: number): boolean {
  return Math.abs(want - got) <= Math.max(ABSOLUTE, RELATIVE * Math.abs(want));
}

/** CSV cells are text: a number matches a cell of the same value ("1" or "1.0" for 1). */
function cellMatches(want: Cell, got: string): boolean {
  if (typeof want === "number") return got.trim() !== "" && Number.isFinite(Number(got)) && sameNumber(want, Number(got));
  if (typeof want === "boolean") return got.trim().toLowerCase() === String(want);
  if (want === null) return got.trim() === "" || /^nan$/i.test(got.trim());
  return got === want;
}

/** JSON keeps types: a number must come back as a number, a label string as that string. */
function valueMatches(want: Cell, got: unknown): boolean {
  if (typeof want === "number") return typeof got === "number" && sameNumber(want, got);
  return got === want;
}

const show = (v: unknown) => JSON.stringify(v);

function compareRows(predictions: Predicted[], rows: unknown[][], match: (w: Cell, g: never) => boolean, media: string): Agreement {
  if (rows.length !== predictions.length) return { ok: false, reason: `${media}: ${rows.length} answers for ${predictions.length} rows` };
  for (const [i, p] of predictions.entries()) {
    const want = wanted(p);
    const got = rows[i]!.slice(0, want.length);
    if (got.length < want.length || want.some((w, j) => !match(w, got[j] as never)))
      return {
        ok: false,
        reason: `${media}: row ${i} answered ${show(rows[i]!.slice(0, Math.max(want.length, 3)))} where predict() gives ${show(p)}`,
      };
  }
  return { ok: true };
}

/** A text/csv answer: one line per row, the prediction first (a header line, if any, is skipped). */
export function compareCsv(predictions: Predicted[], answer: string): Agreement {
  let rows: string[][];
  try {
    rows = Papa.parse<string[]>(answer.trim(), { skipEmptyLines: true }).data;
  } catch (err) {
    return { ok: false, reason: `text/csv: the answer is not CSV (${(err as Error).message}): ${answer.slice(0, 120)}` };
  }
  if (rows.length === predictions.length + 1) rows = rows.slice(1);
  return compareRows(predictions, rows, cellMatches, "text/csv");
}

/** An application/json answer: {"predictions": [...]}, each a value, a list, or an object whose
 * fields in order start with the prediction. */
export function compareJson(predictions: Predicted[], answer: string): Agreement {
  let body: unknown;
  try {
    body = JSON.parse(answer);
  } catch {
    return { ok: false, reason: `application/json: the answer is not JSON: ${answer.slice(0, 120)}` };
  }
  const list = Array.isArray(body) ? body : (body as { predictions?: unknown } | null)?.predictions;
  if (!Array.isArray(list)) return { ok: false, reason: `application/json: no predictions list in ${answer.slice(0, 120)}` };
  const rows = list.map(
    (p: unknown) => (Array.isArray(p) ? p : p !== null && typeof p === "object" ? Object.values(p).flat() : [p]) as unknown[],
  );
  return compareRows(predictions, rows, valueMatches, "application/json");
}

/** Where a project kept the template's toy model: its Instance still has field1/field2. */
export function isToyInstance(instanceSource: string): boolean {
  return /^\s+field1\s*:/m.test(instanceSource) && /^\s+field2\s*:/m.test(instanceSource);
}
