import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_TABLE } from "./field-table-sample";
import { pydanticCode, pythonLiteral } from "./pydantic-code";
import { tableFromSchema } from "./table-from-schema";

const FIXTURE = join(__dirname, "../../../server-template/tests/lab/written/instance.py");

describe("pydantic code writer", () => {
  it("writes the file the template's tests import on pydantic 1.10 and 2 (regenerate the fixture when this changes)", () => {
    const code = pydanticCode("instance", SAMPLE_TABLE);
    if (process.env.STAGEMAKER_WRITE_FIXTURE) writeFileSync(FIXTURE, code);
    expect(code).toBe(readFileSync(FIXTURE, "utf8"));
  });

  it("orders nested models before their users and imports only what is used", () => {
    const code = pydanticCode("instance", SAMPLE_TABLE);
    expect(code.indexOf("class Room(BaseModel)")).toBeLessThan(code.indexOf("class Instance(BaseModel)"));
    expect(code).toContain("from typing import List, Literal, Optional");
    expect(code).toContain('kind: Literal["flat", "house"]');
    expect(code).toContain("area: float = Field(50.0, gt=0.0)");
    const plain = pydanticCode("prediction", {
      main: { name: "Prediction", fields: [{ name: "label", type: "str", list: false, enumValues: [], required: true, nullable: false }] },
      nested: [],
    });
    expect(plain).not.toContain("typing");
    expect(plain).not.toContain("Field");
    expect(plain).toContain("    label: str\n");
  });

  it("writes Python literals, not JSON", () => {
    expect(pythonLiteral([true, null, 'a"b', { k: 1 }])).toBe('[True, None, "a\\"b", {"k": 1}]');
    expect(pythonLiteral(2, true)).toBe("2.0");
  });
});

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
