// Writes clean pydantic code (running on pydantic 1.10 and 2) from a field table: model/instance.py or model/prediction.py.
import type { FieldSpec, ModelFileSpec, SchemaKind, ModelSpec } from "../../contract";

const INDENT = "    ";
/** The template's black/ruff line length (pyproject.toml), so written files pass `make lint`. */
const LINE_LENGTH = 100;

/** A JSON value as a Python literal (JSON string escapes are valid Python escapes). */
export function pythonLiteral(value: unknown, asFloat = false): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return asFloat && Number.isInteger(value) ? `${value}.0` : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => pythonLiteral(v, asFloat)).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v, asFloat)}`)
    .join(", ")}}`;
}

function typeText(f: FieldSpec): string {
  const base =
    f.type === "enum"
      ? `Literal[${(f.enumValues.length ? f.enumValues : [""]).map((v) => JSON.stringify(v)).join(", ")}]`
      : f.type === "model"
        ? (f.model ?? "Model")
        : f.type;
  const listed = f.list ? `List[${base}]` : base;
  return f.nullable ? `Optional[${listed}]` : listed;
}

function fieldLine(f: FieldSpec): { line: string; usesPattern: boolean } {
  const kwargs: string[] = [];
  const scalar = !f.list;
  if (scalar && (f.type === "int" || f.type === "float")) {
    for (const k of ["ge", "le", "gt", "lt"] as const)
      if (f[k] !== undefined) kwargs.push(`${k}=${pythonLiteral(f[k], f.type === "float")}`);
  }
  if (scalar && f.type === "str") {
    if (f.minLength !== undefined) kwargs.push(`min_length=${f.minLength}`);
    if (f.maxLength !== undefined) kwargs.push(`max_length=${f.maxLength}`);
  }
  const usesPattern = scalar && f.type === "str" && !!f.pattern;
  if (f.description) kwargs.push(`description=${JSON.stringify(f.description)}`);
  if (f.example !== undefined) kwargs.push(`examples=[${pythonLiteral(f.example, f.type === "float")}]`);
  if (usesPattern) kwargs.push(`**{PATTERN: ${JSON.stringify(f.pattern)}}`);
  const hasDefault = f.default !== undefined;
  const defaultText = hasDefault ? pythonLiteral(f.default, f.type === "float") : !f.required ? "None" : undefined;
  const head = `${f.name}: ${typeText({ ...f, nullable: f.nullable || (!f.required && !hasDefault) })}`;
  if (!kwargs.length) return { line: defaultText ? `${head} = ${defaultText}` : head, usesPattern };
  return { line: wrapped(`${head} = Field(`, [defaultText ?? "...", ...kwargs]), usesPattern };
}

/** Black's layout for a call: one line, else the arguments on one indented line, else one per line. */
function wrapped(open: string, args: string[]): string {
  const one = `${open}${args.join(", ")})`;
  if (INDENT.length + one.length <= LINE_LENGTH) return one;
  const inner = INDENT.repeat(2) + args.join(", ");
  if (inner.length <= LINE_LENGTH) return `${open}\n${inner}\n${INDENT})`;
  return `${open}\n${args.map((a) => `${INDENT.repeat(2)}${a},`).join("\n")}\n${INDENT})`;
}

/** Nested models first, each after the models it uses, so both pydantic versions resolve them. */
function ordered(spec: ModelFileSpec): ModelSpec[] {
  const byName = new Map(spec.nested.map((m) => [m.name, m]));
  const out: ModelSpec[] = [];
  const seen = new Set<string>();
  const visit = (m: ModelSpec) => {
    if (seen.has(m.name)) return;
    seen.add(m.name);
    for (const f of m.fields) if (f.type === "model" && f.model && byName.has(f.model)) visit(byName.get(f.model)!);
    out.push(m);
  };
  const used = (m: ModelSpec): void =>
    m.fields.forEach((f) => f.type === "model" && f.model && byName.has(f.model) && visit(byName.get(f.model)!));
  used(spec.main);
  out.push(spec.main);
  return out;
}

const DEFAULT_DOC: Record<SchemaKind, string> = {
  instance:
    "One object over which inference can be performed.\n\nField order matters for text/csv requests: CSV columns map to these fields in order.",
  prediction: "The result of inference over one Instance (CSV responses list fields in this order).",
};

function docstring(text: string, indent: string): string {
  const safe = text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"');
  const lines = safe.split("\n");
  return lines.length === 1
    ? `${indent}"""${safe}"""`
    : `${indent}"""${lines.map((l, i) => (i === 0 || !l ? l : indent + l)).join("\n")}\n${indent}"""`;
}

/** The whole file; the table's field order is the class's (and CSV's) order. */
export function pydanticCode(which: SchemaKind, spec: ModelFileSpec): string {
  const models = ordered(spec);
  const all = models.flatMap((m) => m.fields);
  const typing = (["List", "Literal", "Optional"] as const).filter((name) =>
    all.some((f) =>
      name === "List" ? f.list : name === "Literal" ? f.type === "enum" : f.nullable || (!f.required && f.default === undefined),
    ),
  );
  const lines = [
    `"""Your ${which === "instance" ? "Instance (one input)" : "Prediction (one output)"}: written by Stagemaker's field table; edit here or there."""`,
    "",
  ];
  let bodyUsesPattern = false;
  let usesField = false;
  const classes = models.map((m) => {
    const doc = m.description ?? (m === spec.main ? DEFAULT_DOC[which] : undefined);
    const out = [`class ${m.name}(BaseModel):`];
    if (doc) out.push(docstring(doc, INDENT), "");
    if (!m.fields.length) out.push(`${INDENT}pass`);
    for (const f of m.fields) {
      const { line, usesPattern } = fieldLine(f);
      bodyUsesPattern ||= usesPattern;
      usesField ||= line.includes("= Field(");
      out.push(INDENT + line);
    }
    if (out[out.length - 1] === "") out.pop();
    return out.join("\n");
  });
  if (typing.length) lines.push(`from typing import ${typing.join(", ")}`, "");
  // isort's order (ruff "I"): constants, then classes.
  const fromPydantic = [...(bodyUsesPattern ? ["VERSION"] : []), "BaseModel", ...(usesField ? ["Field"] : [])];
  lines.push(`from pydantic import ${fromPydantic.join(", ")}`);
  if (bodyUsesPattern)
    lines.push(
      "",
      "# pydantic 1.10 calls a field's regular expression `regex`, pydantic 2 `pattern`.",
      'PATTERN = "pattern" if VERSION.startswith("2.") else "regex"',
    );
  return `${lines.join("\n")}\n\n\n${classes.join("\n\n\n")}\n`;
}

export const MODEL_PATHS: Record<SchemaKind, string> = { instance: "model/instance.py", prediction: "model/prediction.py" };
