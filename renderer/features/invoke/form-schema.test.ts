import { describe, expect, it } from "vitest";
import { columnsOf, formSchema, sampleInstance } from "./form-schema";

// pydantic 1.10 wraps a $ref in allOf and writes `definitions`; 2 writes anyOf [X, null] for Optional and `$defs`.
const v1 = {
  title: "Instance",
  type: "object",
  required: ["colour", "rooms"],
  properties: {
    colour: { allOf: [{ $ref: "#/definitions/Colour" }] },
    rooms: { type: "integer", exclusiveMinimum: 0 },
    note: { type: "string", default: "none" },
  },
  definitions: { Colour: { enum: ["red", "green"], type: "string" } },
};
const v2 = {
  title: "Instance",
  type: "object",
  required: ["kind", "part", "area"],
  properties: {
    kind: { const: "flat", type: "string" },
    area: { anyOf: [{ type: "number", minimum: 20 }, { type: "null" }] },
    part: { $ref: "#/$defs/Part" },
    either: { anyOf: [{ type: "integer" }, { type: "string" }] },
  },
  $defs: { Part: { type: "object", required: ["n"], properties: { n: { type: "integer", examples: [3] } } } },
};

describe("the invoke form's view of the Instance schema", () => {
  it("samples through 1.10's allOf and $ref, enums and bounds; optional fields without a default stay out", () => {
    expect(sampleInstance(v1)).toEqual({ colour: "red", rooms: 1, note: "none" });
  });

  it("samples a Literal's const, an Optional's inner type, a nested model; a real union has no sample", () => {
    expect(sampleInstance(v2)).toEqual({ kind: "flat", area: 20, part: { n: 3 } });
  });

  it("unwraps Optional for the form and gives one column per field with its kind", () => {
    expect((formSchema(v2).properties as Record<string, unknown>).area).toEqual({ type: "number", minimum: 20 });
    const columns = columnsOf(v1, ["note"]);
    expect(columns.map((c) => c.name)).toEqual(["note", "colour", "rooms"]);
    expect(columns.map((c) => c.required)).toEqual([false, true, true]);
    expect(columns.find((c) => c.name === "rooms")?.kind).toBe("integer");
  });
});
