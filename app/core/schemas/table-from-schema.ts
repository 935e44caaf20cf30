// A field table from the JSON Schema pydantic (1.10 or 2) wrote, or null where the schema uses what a table cannot show.
import type { FieldSpec, JsonSchema, ModelFileSpec, ModelSpec } from "../../contract";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const refName = (ref: unknown) => (typeof ref === "string" ? ref.split("/").pop() : undefined);

class Unrepresentable extends Error {}

/** The one schema behind pydantic's wrappers: anyOf[X, null] (Optional in v2), allOf[$ref] (v1 with a description). */
function unwrap(p: Node): { node: Node; nullable: boolean } {
  const anyOf = p.anyOf;
  if (Array.isArray(anyOf)) {
    const rest = anyOf.filter((s) => !(isNode(s) && s.type === "null"));
    if (rest.length !== 1 || !isNode(rest[0])) throw new Unrepresentable("a union");
    return { node: { ...rest[0] }, nullable: rest.length < anyOf.length };
  }
  if (Array.isArray(p.allOf) && p.allOf.length === 1 && isNode(p.allOf[0])) return { node: { ...p.allOf[0] }, nullable: false };
  return { node: p, nullable: false };
}

function baseType(node: Node, defs: Node): Pick<FieldSpec, "type" | "enumValues" | "model"> {
  const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined;
  if (values) {
    if (!values.every((v) => typeof v === "string")) throw new Unrepresentable("a non-text enum");
    return { type: "enum", enumValues: values as string[] };
  }
  const ref = refName(node.$ref);
  if (ref) {
    const def = defs[ref];
    if (!isNode(def) || def.type !== "object" || !isNode(def.properties)) throw new Unrepresentable(`${ref} (an Enum class or custom type)`);
    return { type: "model", enumValues: [], model: ref };
  }
  const byType: Record<string, FieldSpec["type"]> = { string: "str", integer: "int", number: "float", boolean: "bool" };
  const t = typeof node.type === "string" ? byType[node.type] : undefined;
  if (!t) throw new Unrepresentable(`the type ${JSON.stringify(node.type ?? node)}`);
  return { type: t, enumValues: [] };
}

function field(name: string, prop: Node, required: boolean, defs: Node): FieldSpec {
  const { node, nullable } = unwrap(prop);
  const list = node.type === "array";
  const inner = list ? (isNode(node.items) ? unwrap(node.items).node : undefined) : node;
  if (!inner) throw new Unrepresentable("a list without an item type");
  const num = (k: string, from: Node = inner) => (typeof from[k] === "number" ? (from[k] as number) : undefined);
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
    description: typeof (prop.description ?? node.description) === "string" ? ((prop.description ?? node.description) as string) : undefined,
  };
  if ("default" in prop && !(prop.default === null && nullable && !required)) spec.default = prop.default;
  if (examples?.length) spec.example = examples[0];
  else if ("example" in prop) spec.example = prop.example;
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as FieldSpec;
}

function model(name: string, schema: Node, defs: Node): ModelSpec {
  if (!isNode(schema.properties)) throw new Unrepresentable(`${name} has no fields`);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const fields = Object.entries(schema.properties).map(([k, p]) => {
    if (!isNode(p)) throw new Unrepresentable(k);
    return field(k, p, required.has(k), defs);
  });
  return { name, description: typeof schema.description === "string" ? schema.description : undefined, fields };
}

/** Null when any field uses a type the table has no row for (unions, Enum classes, dicts…). */
export function tableFromSchema(schema: JsonSchema): ModelFileSpec | null {
  const defs = (isNode(schema.$defs) ? schema.$defs : isNode(schema.definitions) ? schema.definitions : {}) as Node;
  try {
    const main = model(typeof schema.title === "string" ? schema.title : "Model", schema, defs);
    const nested = Object.entries(defs).map(([name, def]) => (isNode(def) ? model(name, def, defs) : null)).filter((m): m is ModelSpec => m !== null);
    return { main, nested };
  } catch (e) {
    if (e instanceof Unrepresentable) return null;
    throw e;
  }
}
