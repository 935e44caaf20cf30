/**
 * A request example derived from model/instance.py, so the prefilled body stays valid when the
 * person changes the Instance. It reads simple pydantic annotations (str, int, float, bool, lists,
 * Optional, Literal, nested classes in the same file) and gives up — null — on anything else.
 */
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Fields = [name: string, value: Json][];

const FIELD = /^\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^=#]+?)\s*(?:=\s*([^#]+?))?\s*(?:#.*)?$/;

function classBodies(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of source.split(/\r?\n/)) {
    const head = /^class\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\(|:)/.exec(line);
    if (head) {
      current = [];
      out.set(head[1]!, current);
    } else if (/^\S/.test(line)) current = null;
    else current?.push(line);
  }
  return out;
}

/** The first type argument, minding nested brackets: Optional[Literal["a", "b"]] → Literal["a", "b"]. */
function firstArg(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "," && depth === 0) return args.slice(0, i);
  }
  return args;
}

function literalValue(text: string): Json | undefined {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (t === "True" || t === "False") return t === "True";
  if (t === "None") return null;
  const s = /^(['"])(.*)\1$/.exec(t);
  return s ? s[2]! : undefined;
}

function exampleOf(type: string, classes: Map<string, string[]>, depth: number): Json | undefined {
  const t = type.trim().replace(/^typing\./, "");
  const inner = /^([A-Za-z_.]+)\[(.*)\]$/.exec(t);
  if (inner) {
    const [, outer, args] = inner;
    const first = firstArg(args!);
    if (/^(List|list|Sequence|Tuple|tuple|Set|set)$/.test(outer!)) {
      const v = exampleOf(first, classes, depth);
      return v === undefined ? undefined : [v];
    }
    if (outer === "Optional") return exampleOf(first, classes, depth);
    if (outer === "Literal") return literalValue(first);
    if (/^(Dict|dict)$/.test(outer!)) return {};
    return undefined;
  }
  if (t.includes("|")) return exampleOf(t.split("|").find((p) => p.trim() !== "None") ?? "", classes, depth);
  switch (t) {
    case "str":
      return "asdf";
    case "int":
      return 1;
    case "float":
      return 1.2;
    case "bool":
      return true;
    case "dict":
      return {};
  }
  const nested = classes.get(t);
  if (nested && depth < 4) {
    const fields = fieldsOf(nested, classes, depth + 1);
    return fields ? Object.fromEntries(fields) : undefined;
  }
  return undefined;
}

function fieldsOf(body: string[], classes: Map<string, string[]>, depth: number): Fields | null {
  const fields: Fields = [];
  let inDocstring = false;
  for (const line of body) {
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inDocstring || quotes > 0) {
      if (quotes % 2 === 1) inDocstring = !inDocstring;
      continue;
    }
    if (/^\s+(def|class|@|model_config|Config)\b/.test(line)) break;
    const m = FIELD.exec(line);
    if (!m) continue;
    const [, name, type, dflt] = m;
    if (name!.startsWith("_") || /ClassVar/.test(type!)) continue;
    const fromDefault = dflt !== undefined ? literalValue(dflt) : undefined;
    const value = fromDefault !== undefined && fromDefault !== null ? fromDefault : exampleOf(type!, classes, depth);
    if (value === undefined) return null;
    fields.push([name!, value]);
  }
  return fields.length > 0 ? fields : null;
}

/** Field names and example values of `class Instance`, in declaration order (CSV columns follow it). */
export function instanceFields(source: string): Fields | null {
  const classes = classBodies(source);
  const body = classes.get("Instance");
  return body ? fieldsOf(body, classes, 0) : null;
}

/** The body for a content type: JSON {"instances": [...]}, one JSON object per line, or a CSV row. */
export function exampleBody(fields: Fields, contentType: string): string | null {
  const instance = Object.fromEntries(fields);
  if (contentType === "application/json") return JSON.stringify({ instances: [instance] }, null, 2);
  if (contentType === "application/jsonlines") return JSON.stringify(instance);
  if (contentType === "text/csv") {
    if (fields.some(([, v]) => v !== null && typeof v === "object")) return null;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects and arrays returned null just above
    return fields.map(([, v]) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v))).join(",");
  }
  return null;
}
