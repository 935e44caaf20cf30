// A field table from the JSON Schema pydantic (1.10 or 2) wrote, or null where the schema uses what a table cannot show.
import {
  choicesOf,
  definitionsOf,
  type FieldSpec,
  fieldsOf,
  innerSchema,
  isSchemaNode,
  type JsonSchema,
  type ModelFileSpec,
  type ModelSpec,
  refName,
  type SchemaField,
  type SchemaNode,
} from "../../contract";

class Unrepresentable extends Error {}

function baseType(node: SchemaNode, defs: SchemaNode): Pick<FieldSpec, "type" | "enumValues" | "model"> {
  const values = choicesOf(node);
  if (values) {
    if (!values.every((v) => typeof v === "string")) throw new Unrepresentable("a non-text enum");
    return { type: "enum", enumValues: values as string[] };
  }
  const ref = refName(node);
  if (ref) {
    const def = defs[ref];
    if (!isSchemaNode(def) || def.type !== "object" || !isSchemaNode(def.properties))
      throw new Unrepresentable(`${ref} (an Enum class or custom type)`);
    return { type: "model", enumValues: [], model: ref };
  }
  const byType: Record<string, FieldSpec["type"]> = { string: "str", integer: "int", number: "float", boolean: "bool" };
  const t = typeof node.type === "string" ? byType[node.type] : undefined;
  if (!t) throw new Unrepresentable(`the type ${JSON.stringify(node.type ?? node)}`);
  return { type: t, enumValues: [] };
}

function field({ name, written: prop, schema: node, nullable, required, description }: SchemaField, defs: SchemaNode): FieldSpec {
  if (!node) throw new Unrepresentable("a union");
  const list = node.type === "array";
  const inner = list ? (isSchemaNode(node.items) ? innerSchema(node.items).schema : undefined) : node;
  if (!inner) throw new Unrepresentable(list && isSchemaNode(node.items) ? "a union" : "a list without an item type");
  const num = (k: string, from: SchemaNode = inner) => (typeof from[k] === "number" ? (from[k] as number) : undefined);
  const examples = Array.isArray(prop.examples) ? prop.examples : Array.isArray(node.examples) ? node.examples : undefined;
  const spec: FieldSpec = {
    name,
    ...baseType(inner, defs),
    list,
    required,
    nullable,
    ge: num("minimum"),
    le: num("maximum"),
    gt: num("exclusiveMinimum"),
    lt: num("exclusiveMaximum"),
    minLength: num("minLength"),
    maxLength: num("maxLength"),
    pattern: typeof inner.pattern === "string" ? inner.pattern : undefined,
    description,
  };
  if ("default" in prop && !(prop.default === null && nullable && !required)) spec.default = prop.default;
  if (examples?.length) spec.example = examples[0];
  else if ("example" in prop) spec.example = prop.example;
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as FieldSpec;
}

function model(name: string, schema: SchemaNode, defs: SchemaNode): ModelSpec {
  if (!isSchemaNode(schema.properties)) throw new Unrepresentable(`${name} has no fields`);
  const fields = fieldsOf(schema).map((f) => field(f, defs));
  return { name, description: typeof schema.description === "string" ? schema.description : undefined, fields };
}

/** Null when any field uses a type the table has no row for (unions, Enum classes, dicts…). */
export function tableFromSchema(schema: JsonSchema): ModelFileSpec | null {
  const defs = definitionsOf(schema);
  try {
    const main = model(typeof schema.title === "string" ? schema.title : "Model", schema, defs);
    const nested = Object.entries(defs)
      .map(([name, def]) => (isSchemaNode(def) ? model(name, def, defs) : null))
      .filter((m): m is ModelSpec => m !== null);
    return { main, nested };
  } catch (e) {
    if (e instanceof Unrepresentable) return null;
    throw e;
  }
}
