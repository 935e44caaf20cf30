import { describe, expect, it } from "vitest";
import { choicesOf, definitionsOf, fieldsOf, innerSchema, nonNullType, refTarget, refTargetIn, unionOf } from "./schema-fields";

// Shapes as pydantic writes them (printed by model_json_schema() on 2.13 and schema_json() on 1.10).
const v2 = {
  title: "Instance",
  type: "object",
  required: ["values", "main_part"],
  properties: {
    score: { anyOf: [{ type: "number" }, { type: "null" }], default: null, title: "Score" },
    noted: { anyOf: [{ minimum: 1, type: "integer" }, { type: "null" }], default: null, description: "maybe a number", title: "Noted" },
    either: { anyOf: [{ type: "integer" }, { type: "string" }], default: 1, title: "Either" },
    kind: { default: "flat", enum: ["flat", "house"], title: "Kind", type: "string" },
    one: { const: "only", default: "only", title: "One", type: "string" },
    values: { items: { type: "number" }, title: "Values", type: "array" },
    main_part: { $ref: "#/$defs/Part" },
    color: { $ref: "#/$defs/Color", default: "red" },
  },
  $defs: {
    Part: { title: "Part", type: "object", properties: { n: { type: "integer", title: "N" } }, required: ["n"] },
    Color: { enum: ["red", "green"], title: "Color", type: "string" },
  },
};
const v1 = {
  title: "Instance",
  type: "object",
  properties: { color: { description: "the colour", allOf: [{ $ref: "#/definitions/Color" }] }, x: { title: "X", type: "number" } },
  required: ["x"],
  definitions: { Color: { title: "Color", enum: ["red", "green"], type: "string" } },
};

describe("a model's fields as pydantic's JSON Schema gives them", () => {
  it("peels Optional (anyOf with null) and keeps the property's own title and description", () => {
    const [score, noted, either] = fieldsOf(v2);
    expect(score).toMatchObject({ name: "score", required: false, nullable: true, schema: { type: "number" }, title: "Score" });
    expect(noted).toMatchObject({ nullable: true, schema: { type: "integer", minimum: 1 }, description: "maybe a number" });
    // A real union has no single schema: each reader decides what it can show for it.
    expect(either).toMatchObject({ nullable: false, schema: undefined });
  });

  it("puts the fields an order names first (a CSV's columns), then the rest as declared", () => {
    expect(fieldsOf(v2, ["values", "kind", "absent"]).map((f) => f.name)).toEqual([
      "values",
      "kind",
      "score",
      "noted",
      "either",
      "one",
      "main_part",
      "color",
    ]);
    expect(
      fieldsOf(v2)
        .filter((f) => f.required)
        .map((f) => f.name),
    ).toEqual(["values", "main_part"]);
  });

  it("reads 1.10's allOf wrapper and definitions as 2's $ref and $defs", () => {
    const [color] = fieldsOf(v1);
    expect(color).toMatchObject({ schema: { $ref: "#/definitions/Color" }, description: "the colour", nullable: false });
    expect(refTarget(color!.schema!, v1)).toEqual(v1.definitions.Color);
    expect(refTarget(fieldsOf(v2)[6]!.schema!, v2)).toEqual(v2.$defs.Part);
    expect(Object.keys(definitionsOf(v2))).toEqual(["Part", "Color"]);
    expect(definitionsOf({ type: "object" })).toEqual({});
  });

  it("gives enum values and a Literal's const as choices, nothing for a plain type", () => {
    expect(choicesOf(v2.properties.kind)).toEqual(["flat", "house"]);
    expect(choicesOf(v2.properties.one)).toEqual(["only"]);
    expect(choicesOf({ const: null })).toEqual([null]);
    expect(choicesOf({ type: "string" })).toBeUndefined();
  });

  it("treats a property that is not an object (JSON Schema's `true`) as accepting anything", () => {
    expect(fieldsOf({ properties: { any: true } })).toEqual([
      { name: "any", required: false, written: {}, schema: {}, nullable: false, title: undefined, description: undefined },
    ]);
    expect(innerSchema({ anyOf: [{ type: "null" }, { type: "string" }, { type: "null" }] })).toEqual({
      schema: { type: "string" },
      nullable: true,
    });
  });

  it("reads a union from anyOf or oneOf with null set apart, and a type list's non-null type", () => {
    expect(unionOf(v2.properties.score)).toEqual({ variants: [{ type: "number" }], nullable: true });
    expect(unionOf(v2.properties.either)).toEqual({ variants: [{ type: "integer" }, { type: "string" }], nullable: false });
    expect(unionOf({ oneOf: [{ $ref: "#/$defs/Cat" }, { $ref: "#/$defs/Dog" }] })?.variants).toHaveLength(2);
    expect(unionOf({ type: "string" })).toBeUndefined();
    expect(nonNullType({ type: ["null", "string"] })).toBe("string");
    expect(nonNullType({ type: "integer" })).toBe("integer");
    expect(nonNullType({})).toBeUndefined();
  });

  it("follows a $ref among given definitions too (an OpenAPI document's components.schemas)", () => {
    const components = { Part: v2.$defs.Part };
    expect(refTargetIn({ $ref: "#/components/schemas/Part" }, components)).toEqual(v2.$defs.Part);
    expect(refTargetIn({ $ref: "#/components/schemas/Gone" }, components)).toBeUndefined();
    expect(refTargetIn({ type: "string" }, components)).toBeUndefined();
  });
});
