// A Markdown table of a JSON Schema's properties (field, type, required, description), for the
// exported README. Reads only the schema Python produced; never the model's source.
type Schema = Record<string, unknown>;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** A short type name: string, number, array of X, one of a / b, a $ref's model name, enums. */
export function typeName(schema: Schema, root: Schema): string {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.split("/").at(-1) ?? "object";
    const target = ((root.$defs ?? root.definitions) as Record<string, Schema> | undefined)?.[name];
    if (target && Array.isArray(target.enum)) return `one of ${target.enum.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}`;
    return name;
  }
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}`;
  if ("const" in schema) return `\`${JSON.stringify(schema.const)}\``;
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants)) {
    const names = variants.map((v) => typeName(v, root));
    const nonNull = names.filter((n) => n !== "null");
    return nonNull.length < names.length ? `${nonNull.join(" or ")} (or null)` : names.join(" or ");
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
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties).map(([name, prop]) => {
    const notes = [typeof prop.description === "string" ? prop.description : "", ...constraints(prop)].filter(Boolean).join("; ");
    return `| \`${name}\` | ${cell(typeName(prop, schema))} | ${required.has(name) ? "yes" : "no"} | ${cell(notes)} |`;
  });
  if (rows.length === 0) return "_No fields._\n";
  return ["| field | type | required | notes |", "| --- | --- | --- | --- |", ...rows].join("\n") + "\n";
}

/** A JSON value that fits the schema, for the README's examples: the first example, else a typed placeholder. */
export function exampleValue(schema: Schema, root: Schema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("default" in schema) return schema.default;
  if (typeof schema.$ref === "string") {
    const target = ((root.$defs ?? root.definitions) as Record<string, Schema> | undefined)?.[schema.$ref.split("/").at(-1) ?? ""];
    return target ? exampleValue(target, root) : {};
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) return exampleValue(variants.find((v) => v.type !== "null") ?? variants[0]!, root);
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
      return Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [k, exampleValue(v, root)]));
    default:
      return null;
  }
}
