// The zoo's verdicts hang on these comparisons: each must be able to say "wrong".
import { describe, expect, it } from "vitest";
import { compareCsv, compareJson, csvBody, isToyInstance, jsonBody } from "./compare";

describe("request bodies", () => {
  it("quotes text with commas and leaves a missing value empty, with no header", () => {
    expect(csvBody([["goal team, really.", 3.5, null]])).toBe('"goal team, really.",3.5,\n');
  });
  it("sends records as SageMaker instances with null for a missing value", () => {
    expect(JSON.parse(jsonBody([{ age: null, colour: "red" }]))).toEqual({ instances: [{ age: null, colour: "red" }] });
  });
});

describe("text/csv answers", () => {
  it("accepts the prediction first, then anything (probabilities)", () => {
    expect(compareCsv(["approve", "deny"], "approve,0.9,0.1\ndeny,0.2,0.8\n")).toEqual({ ok: true });
  });
  it("reads numbers by value within a float tolerance", () => {
    expect(compareCsv([1, 0.123456789], "1.0\n0.1234568\n").ok).toBe(true);
    expect(compareCsv([0.5], "0.51\n").ok).toBe(false);
  });
  it("says which row differs", () => {
    const r = compareCsv(["a", "b"], "a\na\n");
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("row 1") as string });
  });
  it("refuses a different number of answers and the toy model's values", () => {
    expect(compareCsv([1, 2], "1\n").ok).toBe(false);
    expect(compareCsv(["approve"], "0.5\n").ok).toBe(false);
  });
  it("compares multi-output rows column by column", () => {
    expect(compareCsv([[1.5, 2.5]], "1.5,2.5\n").ok).toBe(true);
    expect(compareCsv([[1.5, 2.5]], "1.5\n").ok).toBe(false);
  });
  it("skips a header line", () => {
    expect(compareCsv([3], "label\n3\n").ok).toBe(true);
  });
});

describe("application/json answers", () => {
  it("reads the first field of each prediction object", () => {
    expect(compareJson([2, 0], '{"predictions":[{"label":2,"p0":0.1},{"label":0,"p0":0.9}]}').ok).toBe(true);
  });
  it("keeps JSON types: a string for a number is wrong", () => {
    expect(compareJson([1], '{"predictions":[{"label":"1"}]}').ok).toBe(false);
  });
  it("takes a multi-output prediction from a list field or from several fields", () => {
    expect(compareJson([[1, 2]], '{"predictions":[{"outputs":[1,2]}]}').ok).toBe(true);
    expect(compareJson([[1, 2]], '{"predictions":[{"target_0":1,"target_1":2}]}').ok).toBe(true);
  });
  it("says when the answer has no predictions", () => {
    expect(compareJson([1], '{"error":"x"}')).toEqual({ ok: false, reason: expect.stringContaining("no predictions") as string });
    expect(compareJson([1], "not json").ok).toBe(false);
  });
});

it("recognises the template's toy Instance", () => {
  expect(isToyInstance("class Instance(BaseModel):\n    field1: float\n    field2: str\n")).toBe(true);
  expect(isToyInstance("class Instance(BaseModel):\n    age: float\n")).toBe(false);
});
