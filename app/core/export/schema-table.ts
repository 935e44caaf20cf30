// A Markdown table of a JSON Schema's properties (field, type, required, description), for the
// exported README. Reads only the schema Python produced; never the model's source.
import { choicesOf, fieldsOf, refName, refTarget, type SchemaNode as Schema, unionOf } from "../../contract";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (value: unknown) => `\`${JSON.stringify(value)}\``;
const oneOf = (values: unknown[]) => `one of ${values.map(code).join(", ")}`;

/** A short type name: string, number, array of X, one of a / b, a $ref's model name, enums. */
export function typeName(schema: Schema, root: Schema): string {
  const ref = refName(schema);
  if (ref !== undefined) {
    const target = refTarget(schema, root);
    return target && Array.isArray(target.enum) ? oneOf(target.enum) : ref;
  }
  const choices = choicesOf(schema);
  if (choices) return Array.isArray(schema.enum) ? oneOf(choices) : code(choices[0]);
  const union = unionOf(schema);
  if (union) {
    const names = union.variants.map((v) => typeName(v as Schema, root)).join(" or ");
    return union.nullable ? `${names} (or null)` : names;
  }
  if (schema.type === "array") return `array of ${schema.items ? typeName(schema.items as Schema, root) : "any"}`;
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- JSON Schema's format is a string
  if (typeof schema.type === "string") return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  return "any";
}

/** Bounds and defaults worth a reader's attention. */
function constraints(schema: Schema): string[] {
  const out: string[] = [];
  for (const [key, label] of [
    ["minimum", "≥"],
    ["exclusiveMinimum", ">"],
    ["maximum", "≤"],
    ["exclusiveMaximum", "<"],
    ["minLength", "min length"],
    ["maxLength", "max length"],
    ["minItems", "min items"],
    ["maxItems", "max items"],
    ["pattern", "pattern"],
  ] as const)
    if (key in schema) out.push(`${label} ${String(schema[key])}`);
  if ("default" in schema) out.push(`default \`${JSON.stringify(schema.default)}\``);
  return out;
}

export function schemaTable(schema: Schema): string {
  const rows = fieldsOf(schema).map(({ name, written, required, description }) => {
    const notes = [description ?? "", ...constraints(written)].filter(Boolean).join("; ");
    return `| \`${name}\` | ${cell(typeName(written, schema))} | ${required ? "yes" : "no"} | ${cell(notes)} |`;
  });
  if (rows.length === 0) return "_No fields._\n";
  return ["| field | type | required | notes |", "| --- | --- | --- | --- |", ...rows].join("\n") + "\n";
}

/** A JSON value that fits the schema, for the README's examples: the first example, else a typed placeholder. */
export function exampleValue(schema: Schema, root: Schema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if (refName(schema) !== undefined) {
    const target = refTarget(schema, root);
    return target ? exampleValue(target, root) : {};
  }
  const choices = choicesOf(schema);
  if (choices) return choices[0];
  const union = unionOf(schema);
  if (union) return union.variants.length > 0 ? exampleValue(union.variants[0] as Schema, root) : null;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return "text";
    case "number":
      return 1.5;
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "array":
      return schema.items ? [exampleValue(schema.items as Schema, root)] : [];
    case "object":
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [k, exampleValue(v, root)]),
      );
    default:
      return null;
  }
}
