// pydantic's JSON Schema (1.10 and 2), read in one place: the invoke form, the field table and the
// exported README all see a model's fields through these. Plain functions, no zod: the schemas are
// already parsed as JsonSchema at the boundary; this says what their parts mean.

/** One JSON Schema object (a model, a property, a $defs entry). */
export type SchemaNode = Record<string, unknown>;

export const isSchemaNode = (v: unknown): v is SchemaNode => typeof v === "object" && v !== null && !Array.isArray(v);

/** The models a schema defines by name: pydantic 2's `$defs`, 1.10's `definitions`. */
export function definitionsOf(root: SchemaNode): SchemaNode {
  return isSchemaNode(root.$defs) ? root.$defs : isSchemaNode(root.definitions) ? root.definitions : {};
}

/** The name a `$ref` points at ("#/$defs/Part" → "Part"); undefined without a $ref. */
export function refName(node: SchemaNode): string | undefined {
  return typeof node.$ref === "string" ? node.$ref.split("/").pop() : undefined;
}

/** The definition a `$ref` points at in the root's definitions, when there is one. */
export function refTarget(node: SchemaNode, root: SchemaNode): SchemaNode | undefined {
  return refTargetIn(node, definitionsOf(root));
}

/** The definition a `$ref` points at among `defs` (e.g. an OpenAPI document's components.schemas). */
export function refTargetIn(node: SchemaNode, defs: SchemaNode): SchemaNode | undefined {
  const name = refName(node);
  const target = name === undefined ? undefined : defs[name];
  return isSchemaNode(target) ? target : undefined;
}

/** The values a field may take when it is a choice: `enum`'s, or a `const` (Literal of one value) as the one value. */
export function choicesOf(node: SchemaNode): unknown[] | undefined {
  return Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined;
}

const isNull = (v: unknown) => isSchemaNode(v) && v.type === "null";

/** anyOf's members other than `{type: "null"}`, and whether null was one of them; undefined without anyOf. */
export function nonNullVariants(node: SchemaNode): { variants: unknown[]; nullable: boolean } | undefined {
  if (!Array.isArray(node.anyOf)) return undefined;
  const variants = node.anyOf.filter((v) => !isNull(v));
  return { variants, nullable: variants.length < node.anyOf.length };
}

/** A union's members, anyOf's or oneOf's (a discriminated union), other than null, and whether null was one. */
export function unionOf(node: SchemaNode): { variants: unknown[]; nullable: boolean } | undefined {
  const members = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (!members) return undefined;
  const variants = members.filter((v) => !isNull(v));
  return { variants, nullable: variants.length < members.length };
}

/** The node's type other than "null": `type` itself, or the first non-null one of a type list (["string", "null"]). */
export function nonNullType(node: SchemaNode): string | undefined {
  const t = Array.isArray(node.type) ? node.type.find((x) => x !== "null") : node.type;
  return typeof t === "string" ? t : undefined;
}

/**
 * The one schema inside pydantic's wrappers: anyOf [X, null] (Optional in 2) and allOf [X] (1.10's
 * way to describe a $ref). `schema` is undefined for a real union (several non-null members).
 */
export function innerSchema(prop: SchemaNode): { schema?: SchemaNode; nullable: boolean } {
  const union = nonNullVariants(prop);
  if (union) {
    const only = union.variants.length === 1 && isSchemaNode(union.variants[0]) ? union.variants[0] : undefined;
    return { schema: only && { ...only }, nullable: union.nullable };
  }
  if (Array.isArray(prop.allOf) && prop.allOf.length === 1 && isSchemaNode(prop.allOf[0]))
    return { schema: { ...prop.allOf[0] }, nullable: false };
  return { schema: prop, nullable: false };
}

/** A model's field as the form, the table and the README see it. */
export interface SchemaField {
  name: string;
  required: boolean;
  /** The property as pydantic wrote it (wrappers included). */
  written: SchemaNode;
  /** The schema inside the wrappers (see `innerSchema`); undefined for a union of several types. */
  schema?: SchemaNode;
  nullable: boolean;
  /** The property's own title or description, else the wrapped schema's. */
  title?: string;
  description?: string;
}

const text = (...values: unknown[]) => values.find((v): v is string => typeof v === "string");

/** The model's fields: those named in `order` first (e.g. a CSV's column order), then the rest as declared. */
export function fieldsOf(model: SchemaNode, order: string[] = []): SchemaField[] {
  const props = isSchemaNode(model.properties) ? model.properties : {};
  const required = new Set(Array.isArray(model.required) ? model.required.filter((r): r is string => typeof r === "string") : []);
  const names = [...order.filter((n) => n in props), ...Object.keys(props).filter((n) => !order.includes(n))];
  return names.map((name) => {
    // A property that is not an object (JSON Schema's `true`) accepts anything, as {} does.
    const written = isSchemaNode(props[name]) ? props[name] : {};
    const { schema, nullable } = innerSchema(written);
    return {
      name,
      required: required.has(name),
      written,
      schema,
      nullable,
      title: text(written.title, schema?.title),
      description: text(written.description, schema?.description),
    };
  });
}
