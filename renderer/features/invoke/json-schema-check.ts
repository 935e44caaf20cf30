// JSON Schema validation without code generation: the renderer's CSP (script-src 'self') forbids the eval that ajv compiles with, so @cfworker/json-schema interprets the schema instead.
import { type OutputUnit, Validator } from "@cfworker/json-schema";

export interface SchemaProblem {
  /** Where in the value: ["parts", "0", "name"]; [] for the value itself. */
  path: string[];
  keyword: string;
  message: string;
}

/** Keywords that only say "something below failed"; the leaf errors carry the reason. */
const WRAPPERS = new Set([
  "properties",
  "items",
  "prefixItems",
  "$ref",
  "allOf",
  "anyOf",
  "oneOf",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
]);
const validators = new WeakMap<object, Validator>();

function validatorFor(schema: object): Validator {
  let v = validators.get(schema);
  // pydantic 2 writes 2020-12 style $defs, pydantic 1.10 draft-07 style definitions: 2020-12 reads both.
  if (!v) validators.set(schema, (v = new Validator(schema as never, "2020-12", false)));
  return v;
}

const last = (text: string, re: RegExp) => text.match(re)?.[1];

/** Messages in the words a person fixing a value needs ("must be <= 20"), from the validator's own text. */
function message(e: OutputUnit): { message: string; extraPath?: string } {
  const text = e.error;
  switch (e.keyword) {
    case "maximum":
      return { message: `must be <= ${last(text, /than (.+)\.$/) ?? "the maximum"}` };
    case "minimum":
      return { message: `must be >= ${last(text, /than (.+)\.$/) ?? "the minimum"}` };
    case "exclusiveMaximum":
      return { message: `must be < ${last(text, /(?:than|to) (.+)\.$/) ?? "the maximum"}` };
    case "exclusiveMinimum":
      return { message: `must be > ${last(text, /(?:than|to) (.+)\.$/) ?? "the minimum"}` };
    case "type":
      return { message: `must be ${last(text, /Expected "?([^".]+)"?\.?$/) ?? "another type"}` };
    case "required":
      return { message: "is required", extraPath: last(text, /property "([^"]+)"/) };
    case "enum":
      return { message: `must be one of ${last(text, /any of (.+)\.$/) ?? "the allowed values"}` };
    case "pattern":
      return { message: "does not match the pattern" };
    default:
      return { message: text.replace(/\.$/, "").replace(/^String is/, "is") };
  }
}

/** Leaf problems of `value` against `schema` (with `defs` the root's $defs/definitions, for sub-schemas). */
export function schemaProblems(schema: object, value: unknown, root?: object): SchemaProblem[] {
  const full =
    root && root !== schema
      ? { ...schema, $defs: (root as { $defs?: unknown }).$defs, definitions: (root as { definitions?: unknown }).definitions }
      : schema;
  const result = validatorFor(root && root !== schema ? full : schema).validate(value as never);
  if (result.valid) return [];
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of result.errors) {
    if (WRAPPERS.has(e.keyword)) continue;
    const { message: text, extraPath } = message(e);
    const path = e.instanceLocation
      .replace(/^#\/?/, "")
      .split("/")
      .filter(Boolean)
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (extraPath) path.push(extraPath);
    const key = `${path.join("/")}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, keyword: e.keyword, message: text });
  }
  return out;
}
