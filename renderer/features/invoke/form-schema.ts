// The Instance/Prediction JSON Schemas as the form and its validator use them: pydantic's Optional wrapper unwrapped, column types by field.
import {
  choicesOf,
  fieldsOf,
  innerSchema,
  isSchemaNode as isNode,
  type JsonSchema,
  nonNullVariants,
  refName,
  refTarget,
  type SchemaNode as Node,
} from "../../../app/contract";

/** anyOf [X, {type: null}] (pydantic 2's Optional) as X: the form shows a plain input, left empty for None. */
function unwrapOptional(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unwrapOptional);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) out[k] = unwrapOptional(v);
  const union = nonNullVariants(out);
  const only = union?.nullable && union.variants.length === 1 ? union.variants[0] : undefined;
  if (!isNode(only)) return out;
  delete out.anyOf;
  if (out.default === null) delete out.default;
  return { ...only, ...out };
}

/** The schema the form renders: Optional unwrapped; the $defs stay so nested models resolve. */
export function formSchema(schema: JsonSchema): JsonSchema {
  return unwrapOptional(schema) as JsonSchema;
}

export type ColumnKind = "string" | "number" | "integer" | "boolean" | "enum" | "json";

/** A field that is a nested list of numbers (an image, a sequence): its rank and element type. */
export interface TensorShape {
  rank: number;
  item: "number" | "integer" | "boolean";
}

export interface Column {
  name: string;
  kind: ColumnKind;
  /** Set for a tensor field (List[List[float]] and deeper or flat): sent as JSON nested lists or one NPY array. */
  tensor?: TensorShape;
  options?: string[];
  required: boolean;
  title: string;
  description?: string;
}

/** One column per field in declaration order (the CSV order), with the input each needs. */
export function columnsOf(schema: JsonSchema, order: string[]): Column[] {
  return fieldsOf(schema, order).map(({ name, schema: p = {}, required, title, description }) => {
    const values = choicesOf(p)?.map(scalarText);
    const t = p.type;
    const kind: ColumnKind = values ? "enum" : t === "string" || t === "number" || t === "integer" || t === "boolean" ? t : "json";
    return { name, kind, options: values, required, title: title ?? name, description, tensor: tensorOf(p) };
  });
}

/** The schema pydantic writes for List[List[float]]: arrays of arrays down to numbers. Undefined for anything else. */
export function tensorOf(node: Node | undefined): TensorShape | undefined {
  let rank = 0;
  let n: unknown = node;
  while (isNode(n) && n.type === "array") {
    rank++;
    n = n.items;
  }
  const t = isNode(n) ? n.type : undefined;
  return rank > 0 && (t === "number" || t === "integer" || t === "boolean") ? { rank, item: t } : undefined;
}

/** A CSV or table cell's text as the value its column takes; undefined for an empty cell. */
export function cellValue(text: string, column: Column): unknown {
  if (text.trim() === "") return undefined;
  switch (column.kind) {
    case "number":
    case "integer": {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case "boolean":
      return /^(true|1|yes)$/i.test(text.trim()) ? true : /^(false|0|no)$/i.test(text.trim()) ? false : text;
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/** The text a cell shows for a value. */
export function cellText(value: unknown, column: Column): string {
  if (value === undefined || value === null) return "";
  if (column.kind === "json" || typeof value === "object") return JSON.stringify(value);
  return scalarText(value);
}

/** A first instance to start from: each field's example, else its default, else a value of its type. */
export function sampleInstance(schema: JsonSchema): Record<string, unknown> {
  const s = formSchema(schema);
  const sample = (node: unknown, depth: number): unknown => {
    if (!isNode(node) || depth > 4) return undefined;
    if (Array.isArray(node.examples) && node.examples.length) return node.examples[0];
    if (node.default !== undefined && node.default !== null) return node.default;
    const choices = choicesOf(node);
    if (choices) return choices[0];
    if (refName(node) !== undefined) return sample(refTarget(node, s), depth + 1);
    // Inside a wrapper (pydantic 1.10's allOf [X]); a union of several types has no one sample.
    const inner = innerSchema(node).schema;
    if (inner !== node) return sample(inner, depth + 1);
    switch (node.type) {
      case "string":
        return typeof node.minLength === "number" ? "a".repeat(node.minLength) : "text";
      case "number":
      case "integer": {
        const low =
          typeof node.minimum === "number"
            ? node.minimum
            : typeof node.exclusiveMinimum === "number"
              ? node.exclusiveMinimum + 1
              : undefined;
        const high = typeof node.maximum === "number" ? node.maximum : undefined;
        return low ?? (high !== undefined ? Math.min(high, 1) : 1);
      }
      case "boolean":
        return false;
      case "array": {
        const item = sample(node.items, depth + 1);
        return item === undefined ? [] : [item];
      }
      case "object": {
        if (!isNode(node.properties)) return {};
        const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
        const out: Record<string, unknown> = {};
        for (const [k, p] of Object.entries(node.properties)) {
          if (!required.has(k) && !(isNode(p) && (p.examples || p.default !== undefined))) continue;
          const v = sample(p, depth + 1);
          if (v !== undefined) out[k] = v;
        }
        return out;
      }
    }
    return undefined;
  };
  return (sample({ ...s, $ref: undefined, examples: undefined, default: undefined }, 0) ?? {}) as Record<string, unknown>;
}

/** A JSON scalar as a form shows it: strings as they are, anything else as JSON. */
export function scalarText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
