// Whether a got answer matches the expected one under an example's rules (float tolerance, ignored paths); the differences if not.
import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import Papa from "papaparse";
import type { Difference, MatchRules } from "../../contract";
import { isJsonType } from "./example-file";

type Answer = { status?: number; contentType?: string; body: string };

const MAX_DIFFERENCES = 50;
const show = (v: unknown) =>
  v === undefined ? "(absent)" : typeof v === "string" ? JSON.stringify(v) : (stringifyLossless(v) ?? "(not JSON)");

/** "predictions.*.id" against ["predictions", "3", "id"]. */
function ignored(path: string[], rules: MatchRules): boolean {
  return rules.ignore.some((pattern) => {
    const parts = pattern
      .replace(/\[(\w+|\*)\]/g, ".$1")
      .replace(/^\$\.?/, "")
      .split(".")
      .filter(Boolean);
    return parts.length === path.length && parts.every((p, i) => p === "*" || p === path[i]);
  });
}

function numbersClose(expected: number, got: number, rules: MatchRules): boolean {
  return Math.abs(got - expected) <= rules.floatAbs + rules.floatRel * Math.abs(expected);
}

function numberOf(v: unknown): number | undefined {
  if (isLosslessNumber(v)) return Number(v.value);
  return typeof v === "number" ? v : undefined;
}

/** Walks both values; numbers within tolerance are equal, ignored paths are skipped. */
function compareValues(expected: unknown, got: unknown, path: string[], rules: MatchRules, out: Difference[]): void {
  if (out.length >= MAX_DIFFERENCES || ignored(path, rules)) return;
  const at = path.join(".");
  const en = numberOf(expected);
  const gn = numberOf(got);
  if (en !== undefined || gn !== undefined) {
    if (en === undefined || gn === undefined || !numbersClose(en, gn, rules))
      out.push({ path: at, expected: show(expected), got: show(got) });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(got)) {
    for (let i = 0; i < Math.max(expected.length, got.length); i++) compareValues(expected[i], got[i], [...path, String(i)], rules, out);
    return;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(expected) && isObj(got)) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(got)])) compareValues(expected[k], got[k], [...path, k], rules, out);
    return;
  }
  if (expected !== got) out.push({ path: at, expected: show(expected), got: show(got) });
}

/** A CSV cell as a number when it reads as one, so tolerance applies to it. */
const csvCell = (cell: string): unknown => (cell.trim() !== "" && Number.isFinite(Number(cell)) ? Number(cell) : cell);

function parsed(body: string, contentType: string | undefined): unknown {
  if (isJsonType(contentType)) return parseLossless(body);
  if (/jsonlines|x-ndjson|jsonl/i.test(contentType ?? ""))
    return body
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => parseLossless(l));
  if (/text\/csv/i.test(contentType ?? ""))
    return Papa.parse<string[]>(body.trim(), { skipEmptyLines: true }).data.map((row) => row.map(csvCell));
  return body;
}

/** Differences between the expected and the got answer; empty when the example passes. */
export function compareAnswer(expected: Answer, got: Answer, rules: MatchRules): Difference[] {
  const out: Difference[] = [];
  if (expected.status !== got.status)
    out.push({ path: "status", expected: String(expected.status), got: String(got.status ?? "no answer") });
  let e: unknown;
  let g: unknown;
  try {
    e = parsed(expected.body, expected.contentType);
    g = parsed(got.body, expected.contentType);
  } catch {
    if (expected.body !== got.body) out.push({ path: "", expected: expected.body, got: got.body });
    return out;
  }
  compareValues(e, g, [], rules, out);
  return out;
}
