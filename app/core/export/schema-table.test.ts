import { describe, expect, it } from "vitest";
import { exampleValue, schemaTable, typeName } from "./schema-table";

// An Instance as pydantic 2 writes it: Optional, a union, an enum class by $ref, a Literal, a nested model.
const instance = {
  title: "Instance",
  type: "object",
  required: ["rooms", "part"],
  properties: {
    rooms: { type: "integer", minimum: 1, title: "Rooms", description: "bedrooms | all" },
    area: { anyOf: [{ type: "number" }, { type: "null" }], default: null, title: "Area" },
    either: { anyOf: [{ type: "integer" }, { type: "string" }], title: "Either" },
    colour: { $ref: "#/$defs/Colour" },
    one: { const: "only", type: "string", title: "One" },
    part: { $ref: "#/$defs/Part" },
    tags: { type: "array", items: { type: "string" }, title: "Tags" },
  },
  $defs: {
    Colour: { enum: ["red", "green"], title: "Colour", type: "string" },
    Part: { type: "object", title: "Part", properties: { n: { type: "integer", examples: [7] } } },
  },
};
const p = instance.properties;

describe("the exported README's field table", () => {
  it("names each field's type: nullable unions, unions, enums behind a $ref, Literals, models, lists", () => {
    expect(typeName(p.area, instance)).toBe("number (or null)");
    expect(typeName(p.either, instance)).toBe("integer or string");
    expect(typeName(p.colour, instance)).toBe('one of `"red"`, `"green"`');
    expect(typeName(p.one, instance)).toBe('`"only"`');
    expect(typeName(p.part, instance)).toBe("Part");
    expect(typeName(p.tags, instance)).toBe("array of string");
  });

  it("gives a value that fits each field: examples, defaults, the first choice, the union's first non-null member", () => {
    expect(exampleValue(instance, instance)).toEqual({
      rooms: 1,
      area: null,
      either: 1,
      colour: "red",
      one: "only",
      part: { n: 7 },
      tags: ["text"],
    });
    expect(exampleValue({ anyOf: [{ type: "null" }, { type: "string" }] }, instance)).toBe("text");
  });

  it("writes one escaped row per field with required and the bounds", () => {
    const table = schemaTable(instance);
    expect(table).toContain("| `rooms` | integer | yes | bedrooms \\| all; ≥ 1 |");
    expect(table).toContain("| `area` | number (or null) | no | default `null` |");
    expect(schemaTable({ type: "object" })).toBe("_No fields._\n");
  });
});
