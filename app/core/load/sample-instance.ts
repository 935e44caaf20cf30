// One instance made from the Instance JSON Schema the running server publishes (/openapi.json,
// written by Python from the model's own pydantic class): each field's default, example, first
// allowed value, else 0 / false / "text" — the same plausible values intake's example uses.
import { StagemakerError } from "../../contract";

type Schema = {
  $ref?: string;
  type?: string | string[];
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
};

export async function sampleRequest(base: string, signal: AbortSignal): Promise<string> {
  let doc: {
    paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
    components?: { schemas?: Record<string, Schema> };
  };
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new Error("no answer within 10 s")), 10_000); // ref'd: keeps a CLI alive meanwhile
  try {
    const res = await fetch(`${base}/openapi.json`, { signal: AbortSignal.any([signal, limit.signal]) });
    doc = (await res.json()) as typeof doc;
  } catch (e) {
    throw new StagemakerError(
      "invalid-input",
      `No body given, no saved example, and the server's /openapi.json could not be read (${(e as Error).message}). Save an example (Invoke tab, or \`stagemaker examples save\`) or give a body (--data JSON or --data @file).`,
    );
  } finally {
    clearTimeout(timer);
  }
  const defs = doc.components?.schemas ?? {};
  const request = doc.paths?.["/invocations"]?.post?.requestBody?.content?.["application/json"]?.schema;
  const item = request?.properties?.instances?.items;
  if (!item)
    throw new StagemakerError(
      "invalid-input",
      "No body given, no saved example, and the server publishes no Instance schema. Save an example or give a body (--data JSON or --data @file).",
    );
  return JSON.stringify({ instances: [sampleOf(item, defs, 0)] });
}

export function sampleOf(schema: Schema, defs: Record<string, Schema>, depth: number): unknown {
  if (depth > 8) return null;
  if (schema.$ref) return sampleOf(defs[schema.$ref.split("/").pop()!] ?? {}, defs, depth + 1);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return sampleOf(choice.find((s) => s.type !== "null") ?? choice[0]!, defs, depth + 1);
  if (schema.allOf?.length) return sampleOf(schema.allOf[0]!, defs, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, defs, depth + 1)]));
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleOf(schema.items ?? {}, defs, depth + 1));
    case "integer":
      return Math.max(0, Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? 0));
    case "number":
      return Math.max(0, schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0));
    case "boolean":
      return false;
    case "string":
      return "text";
    default:
      return schema.properties ? sampleOf({ ...schema, type: "object" }, defs, depth + 1) : 0;
  }
}
