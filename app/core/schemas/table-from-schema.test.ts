// The writer's own tests (table -> pydantic code) are Python's: server-template/tests/test_model_writer.py.
import { describe, expect, it } from "vitest";
import { tableFromSchema } from "./table-from-schema";

describe("field table from a JSON Schema", () => {
  it("reads pydantic 2's Optional (anyOf null), enums, nested lists and constraints", () => {
    const table = tableFromSchema({
      title: "Instance",
      type: "object",
      required: ["kind", "items"],
      properties: {
        kind: { enum: ["a", "b"], type: "string" },
        items: { type: "array", items: { $ref: "#/$defs/Item" } },
        score: { anyOf: [{ type: "number", minimum: 0 }, { type: "null" }], default: null },
      },
      $defs: { Item: { title: "Item", type: "object", properties: { n: { type: "integer" } }, required: ["n"] } },
    });
    expect(table?.main.fields.map((f) => [f.name, f.type, f.list, f.nullable, f.required])).toEqual([
      ["kind", "enum", false, false, true],
      ["items", "model", true, false, true],
      ["score", "float", false, true, false],
    ]);
    expect(table?.main.fields[2]?.ge).toBe(0);
    expect(table?.nested[0]?.name).toBe("Item");
  });

  it("gives up (null) on what a table cannot show: a union, a dict", () => {
    expect(
      tableFromSchema({ title: "I", type: "object", properties: { x: { anyOf: [{ type: "string" }, { type: "integer" }] } } }),
    ).toBeNull();
    expect(tableFromSchema({ title: "I", type: "object", properties: { x: { type: "object" } } })).toBeNull();
  });
});
