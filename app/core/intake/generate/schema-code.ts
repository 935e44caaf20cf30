// The one place that writes Instance/Prediction code from a field table (to switch to the schemas
// capability's pydantic writer once it lands).

export interface FieldSpec {
  /** A valid Python identifier. */
  name: string;
  /** The artifact's own name when it differs (kept as the pydantic alias). */
  alias?: string;
  /** Python annotation: float, int, str, bool, List[float], Literal["a", "b"]. */
  type: string;
}

const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield model_config model_fields schema json dict copy".split(" "),
);

/** A Python identifier for `raw`, unique among `taken` (which it joins): "sepal length (cm)" → sepal_length_cm. */
export function pythonName(raw: string, taken: Set<string>, prefix = "f_"): string {
  let name = raw.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").replace(/_+/g, "_");
  if (!name) name = "field";
  if (/^\d/.test(name)) name = prefix + name;
  if (KEYWORDS.has(name)) name += "_";
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}_${i}`;
  taken.add(unique);
  return unique;
}

export const pyString = (s: string) => JSON.stringify(s); // JSON string escapes are valid Python

export function literalType(values: (string | number | boolean)[]): string {
  return `Literal[${values.map((v) => (typeof v === "string" ? pyString(v) : typeof v === "boolean" ? (v ? "True" : "False") : String(v))).join(", ")}]`;
}

/** A pydantic model module; fields keep their order (the CSV column order). */
export function modelModule(opts: { className: string; moduleDoc: string; classDoc: string; fields: FieldSpec[] }): string {
  const aliased = opts.fields.some((f) => f.alias !== undefined);
  const typing = ["List", "Literal"].filter((t) => opts.fields.some((f) => f.type.includes(`${t}[`)));
  const lines = [`"""${opts.moduleDoc}"""`];
  if (typing.length) lines.push(`from typing import ${typing.join(", ")}`, "");
  if (aliased) lines.push("import pydantic");
  lines.push(`from pydantic import BaseModel${aliased ? ", Field" : ""}`, "", "", `class ${opts.className}(BaseModel):`, `    """${opts.classDoc}"""`, "");
  for (const f of opts.fields) lines.push(`    ${f.name}: ${f.type}${f.alias !== undefined ? ` = Field(alias=${pyString(f.alias)})` : ""}`);
  if (aliased) {
    // After the fields: requests may use either the field name (CSV, JSON) or the model's own name.
    lines.push(
      "",
      "    # Either the field name or the model's own column name (the alias) is accepted in requests.",
      '    if pydantic.VERSION.startswith("2."):',
      '        model_config = {"populate_by_name": True}',
      "    else:  # pydantic 1.10 (the debian flavour)",
      "",
      "        class Config:",
      "            allow_population_by_field_name = True",
    );
  }
  return lines.join("\n") + "\n";
}
