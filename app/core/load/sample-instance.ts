// One instance made from the Instance JSON Schema the running server publishes (/openapi.json,
// written by Python from the model's own pydantic class): each field's default, example, first
// allowed value, else 0 / false / "text" — the same plausible values the model plan's example uses.
import {
  choicesOf,
  fieldsOf,
  isSchemaNode,
  nonNullType,
  refName,
  refTargetIn,
  type SchemaNode,
  StagemakerError,
  unionOf,
} from "../../contract";
import { requestServer } from "../serving/server-request";

type Schema = SchemaNode;

export async function sampleRequest(base: string, signal: AbortSignal): Promise<string> {
  let doc: {
    paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
    components?: { schemas?: Record<string, Schema> };
  };
  try {
    const { port } = new URL(base);
    const answer = await requestServer({ port: Number(port), path: "/openapi.json", timeoutMs: 10_000, signal });
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
    doc = JSON.parse(answer.body.toString("utf8")) as typeof doc;
  } catch (e) {
    throw new StagemakerError(
      "invalid-input",
      `No body given, no saved example, and the server's /openapi.json could not be read (${(e as Error).message}). Save an example (Invoke tab, or \`stagemaker examples save\`) or give a body (--data JSON or --data @file).`,
    );
  }
  const defs = doc.components?.schemas ?? {};
  const request = doc.paths?.["/invocations"]?.post?.requestBody?.content?.["application/json"]?.schema;
  const instances = request && fieldsOf(request).find((f) => f.name === "instances")?.schema;
  const item = instances && isSchemaNode(instances.items) ? instances.items : undefined;
  if (!item)
    throw new StagemakerError(
      "invalid-input",
      "No body given, no saved example, and the server publishes no Instance schema. Save an example or give a body (--data JSON or --data @file).",
    );
  return JSON.stringify({ instances: [sampleOf(item, defs, 0)] });
}

export function sampleOf(schema: Schema, defs: Record<string, Schema>, depth: number): unknown {
  if (depth > 8) return null;
  if (refName(schema) !== undefined) return sampleOf(refTargetIn(schema, defs) ?? {}, defs, depth + 1);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  const choices = choicesOf(schema);
  if (choices?.length) return choices[0];
  const union = unionOf(schema);
  if (union && (union.variants.length || union.nullable)) return sampleOf(nodeOr(union.variants[0]), defs, depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length) return sampleOf(nodeOr(schema.allOf[0]), defs, depth + 1);
  const num = (v: unknown) => (typeof v === "number" ? v : undefined);
  const properties = isSchemaNode(schema.properties) ? schema.properties : undefined;
  switch (nonNullType(schema)) {
    case "object":
      return Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, sampleOf(nodeOr(v), defs, depth + 1)]));
    case "array":
      return Array.from({ length: Math.max(1, num(schema.minItems) ?? 1) }, () => sampleOf(nodeOr(schema.items), defs, depth + 1));
    case "integer":
      return Math.max(0, Math.ceil(num(schema.minimum) ?? num(schema.exclusiveMinimum) ?? 0));
    case "number": {
      const above = num(schema.exclusiveMinimum);
      return Math.max(0, num(schema.minimum) ?? (above !== undefined ? above + 1 : 0));
    }
    case "boolean":
      return false;
    case "string":
      return "text";
    default:
      return properties ? sampleOf({ ...schema, type: "object" }, defs, depth + 1) : 0;
  }
}

const nodeOr = (v: unknown): Schema => (isSchemaNode(v) ? v : {});
