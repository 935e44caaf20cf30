// SageMaker's DataProcessing JSONPath subset (InputFilter / OutputFilter), evaluated as a projection.
import { StagemakerError } from "../../contract";

/*
 * Hand-written on purpose: SageMaker's filters keep the shape of what they select —
 * `$['id','SageMakerOutput']` yields the object {"id":…, "SageMakerOutput":…} and `$[0,-1]` on a CSV row
 * yields a shorter row — while JSONPath libraries (jsonpath-plus, jsonpath) return flat lists of matched
 * nodes and bring filter/script expressions SageMaker does not accept. The subset is SageMaker's list of
 * supported operators: `$`, `.name`, `*`, `['a','b']`, `[1,3,5]` (negative indexes count from the end),
 * `[start:end]` (end exclusive, either side optional), and unions of indexes and slices such as `[0,5:]`.
 */

type Selector =
  | { kind: "name"; names: string[] } // one name: the value; several: an object with those keys
  | { kind: "wildcard" }
  | { kind: "items"; items: Array<{ index: number } | { start?: number; end?: number }> };

export interface JsonFilter {
  readonly expression: string;
  /** True for `$` (or an empty expression): the value passes unchanged. */
  readonly identity: boolean;
  apply(value: unknown): unknown;
}

export function parseJsonFilter(expression: string): JsonFilter {
  const text = expression.trim();
  const selectors = text === "" ? [] : parseSelectors(text);
  return {
    expression: text || "$",
    identity: selectors.every((s) => s.kind === "wildcard"),
    apply: (value) => selectors.reduce<unknown>((current, selector) => select(current, selector, text), value),
  };
}

function parseSelectors(text: string): Selector[] {
  const bad = (why: string): never => {
    throw new StagemakerError(
      "invalid-input",
      `The JSONPath filter "${text}" ${why}. SageMaker accepts $, .name, *, ['a','b'], [1,3,5], [-1] and [start:end].`,
    );
  };
  if (!text.startsWith("$")) bad("must start with $");
  const selectors: Selector[] = [];
  let i = 1;
  while (i < text.length) {
    if (text[i] === ".") {
      const match = /^\.(\*|[A-Za-z_][\w-]*)/.exec(text.slice(i));
      if (!match) bad(`has an unreadable name at position ${i + 1}`);
      selectors.push(match![1] === "*" ? { kind: "wildcard" } : { kind: "name", names: [match![1]!] });
      i += match![0].length;
    } else if (text[i] === "[") {
      const close = findClose(text, i);
      if (close < 0) bad("has a [ without its ]");
      selectors.push(parseBracket(text.slice(i + 1, close).trim(), bad));
      i = close + 1;
    } else bad(`has an unexpected "${text[i]}" at position ${i + 1}`);
  }
  return selectors;
}

function findClose(text: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) quote = c === quote ? null : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (c === "]") return i;
  }
  return -1;
}

function parseBracket(inner: string, bad: (why: string) => never): Selector {
  if (inner === "*") return { kind: "wildcard" };
  const parts = splitTopLevel(inner);
  if (parts.every((p) => /^(['"]).*\1$/.test(p))) return { kind: "name", names: parts.map((p) => p.slice(1, -1)) };
  const items = parts.map((p) => {
    if (/^-?\d+$/.test(p)) return { index: Number(p) };
    const slice = /^(-?\d+)?\s*:\s*(-?\d+)?$/.exec(p);
    if (!slice) return bad(`has "${p}" where an index, a slice or a quoted name belongs`);
    return { start: slice[1] === undefined ? undefined : Number(slice[1]), end: slice[2] === undefined ? undefined : Number(slice[2]) };
  });
  return { kind: "items", items };
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let current = "";
  for (const c of inner) {
    if (quote) quote = c === quote ? null : quote;
    else if (c === "'" || c === '"') quote = c;
    else if (c === ",") {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  return parts;
}

function select(value: unknown, selector: Selector, expression: string): unknown {
  const fail = (why: string): never => {
    throw new StagemakerError("invalid-input", `The JSONPath filter "${expression}" ${why}.`);
  };
  if (selector.kind === "wildcard") return value;
  if (selector.kind === "name") {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return fail(`selects ${selector.names.map((n) => `'${n}'`).join(", ")} from something that is not a JSON object`);
    const record = value as Record<string, unknown>;
    for (const n of selector.names) if (!(n in record)) fail(`selects '${n}', which the record does not have`);
    if (selector.names.length === 1) return record[selector.names[0]!];
    return Object.fromEntries(selector.names.map((n) => [n, record[n]]));
  }
  if (!Array.isArray(value)) return fail("selects indexes from something that is not an array (a CSV row or a JSON array)");
  const size = value.length;
  const at = (i: number) => (i < 0 ? size + i : i);
  const only = selector.items.length === 1 ? selector.items[0] : undefined;
  if (only && "index" in only) {
    const i = at(only.index);
    if (i < 0 || i >= size) fail(`selects index ${only.index} of a row of ${size}`);
    return value[i];
  }
  const picked: unknown[] = [];
  for (const item of selector.items) {
    if ("index" in item) {
      const i = at(item.index);
      if (i < 0 || i >= size) fail(`selects index ${item.index} of a row of ${size}`);
      picked.push(value[i]);
    } else {
      const start = Math.max(0, Math.min(size, item.start === undefined ? 0 : at(item.start)));
      const end = Math.max(0, Math.min(size, item.end === undefined ? size : at(item.end)));
      picked.push(...value.slice(start, end));
    }
  }
  return picked;
}
