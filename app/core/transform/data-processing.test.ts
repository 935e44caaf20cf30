// SageMaker's DataProcessing examples (developer guide, "Associate Prediction Results with Input
// Records", and the DataProcessing API reference), record by record.
import { describe, expect, it } from "vitest";
import { dataProcessing } from "./data-processing";
import { parseJsonFilter } from "./json-filter";
import { splitAnswer } from "./split-answer";

const csv = (o: Partial<Parameters<typeof dataProcessing>[0]>) =>
  dataProcessing({ contentType: "text/csv", inputFilter: "$", outputFilter: "$", joinSource: "None", ...o });
const json = (o: Partial<Parameters<typeof dataProcessing>[0]>) =>
  dataProcessing({ contentType: "application/jsonlines", inputFilter: "$", outputFilter: "$", joinSource: "None", ...o });

describe("JSONPath subset (the guide's table of supported operators)", () => {
  const doc = { id: 1, features: [5.1, 3.5, 1.4, 0.2], meta: { a: 1 } };
  it.each([
    ["$", doc],
    ["$.features", doc.features],
    ["$.meta.a", 1],
    ["$['id','features']", { id: 1, features: doc.features }],
    ["$.features[1,3]", [3.5, 0.2]],
    ["$.features[-1]", 0.2],
    ["$.features[1:3]", [3.5, 1.4]],
    ["$.features[:2]", [5.1, 3.5]],
    ["$.features[2:]", [1.4, 0.2]],
    ["$.features[0,2:]", [5.1, 1.4, 0.2]],
    ["$.features[*]", doc.features],
  ])("%s", (expr, expected) => expect(parseJsonFilter(expr).apply(doc)).toEqual(expected));

  it("refuses what SageMaker does not accept, saying what it does", () => {
    expect(() => parseJsonFilter("features")).toThrow(/must start with \$/);
    expect(() => parseJsonFilter("$[?(@.a)]")).toThrow(/SageMaker accepts/);
  });
  it("an index outside the row is an error, as SageMaker documents", () => {
    expect(() => parseJsonFilter("$[5]").apply([1, 2])).toThrow(/index 5 of a row of 2/);
    expect(() => parseJsonFilter("$.missing").apply({ id: 1 })).toThrow(/does not have/);
  });
});

describe("CSV: each row is a JSON array", () => {
  it('InputFilter "$[1:]" drops the ID column before the model sees the row', () => {
    expect(csv({ inputFilter: "$[1:]" }).filterInput("1,5.1,3.5,1.4,0.2")).toBe("5.1,3.5,1.4,0.2");
  });
  it("JoinSource Input appends the inference to the end of the input row", () => {
    expect(csv({ joinSource: "Input" }).assemble("1,5.1,3.5,1.4,0.2", "Iris-setosa")).toBe("1,5.1,3.5,1.4,0.2,Iris-setosa");
  });
  it('the guide\'s ID + inference example: InputFilter "$[1:]", JoinSource Input, OutputFilter "$[0,-1]"', () => {
    const p = csv({ inputFilter: "$[1:]", joinSource: "Input", outputFilter: "$[0,-1]" });
    expect(p.filterInput("1,5.1,3.5,1.4,0.2")).toBe("5.1,3.5,1.4,0.2");
    expect(p.assemble("1,5.1,3.5,1.4,0.2", "Iris-setosa")).toBe("1,Iris-setosa");
  });
  it('the API reference\'s OutputFilter "$[0,5:]" keeps the ID and everything from column 5', () => {
    expect(csv({ joinSource: "Input", outputFilter: "$[0,5:]" }).assemble("1,5.1,3.5,1.4,0.2", "Iris-setosa")).toBe("1,Iris-setosa");
  });
  it("quoted cells keep their commas", () => {
    expect(csv({ inputFilter: "$[1:]" }).filterInput('7,"a, b",2')).toBe('"a, b",2');
  });
  it("needs no per-record work without join or filters", () => expect(csv({}).passThrough).toBe(true));
});

describe("JSON: SageMakerOutput and SageMakerInput", () => {
  it("the guide's JSON example: InputFilter \"$.features\", JoinSource Input, OutputFilter \"$['id','SageMakerOutput']\"", () => {
    const p = json({ inputFilter: "$.features", joinSource: "Input", outputFilter: "$['id','SageMakerOutput']" });
    const record = '{"id":1,"features":[5.1,3.5,1.4,0.2]}';
    expect(p.filterInput(record)).toBe("[5.1,3.5,1.4,0.2]");
    expect(JSON.parse(p.assemble(record, '{"label":"Iris-setosa"}'))).toEqual({ id: 1, SageMakerOutput: { label: "Iris-setosa" } });
  });
  it("an object input gets the output under SageMakerOutput", () => {
    expect(JSON.parse(json({ joinSource: "Input" }).assemble('{"id":1}', "[0.9]"))).toEqual({ id: 1, SageMakerOutput: [0.9] });
  });
  it("an input that is not an object is wrapped as SageMakerInput", () => {
    expect(JSON.parse(json({ joinSource: "Input" }).assemble("[1,2]", '"yes"'))).toEqual({
      SageMakerInput: [1, 2],
      SageMakerOutput: "yes",
    });
  });
  it("filters and joins are refused for content types that are neither CSV nor JSON", () => {
    expect(() => dataProcessing({ contentType: "application/x-npy", inputFilter: "$", outputFilter: "$", joinSource: "Input" })).toThrow(
      /CSV and JSON/,
    );
  });
});

describe("a MultiRecord answer back into records", () => {
  it("one line per record for CSV and JSON Lines", () => {
    expect(splitAnswer("a\nb\nc\n", 3, "text/csv")).toEqual(["a", "b", "c"]);
    expect(splitAnswer("a\nb\n", 3, "text/csv")).toBeNull();
  });
  it("the items of a JSON answer's only array", () => {
    expect(splitAnswer('{"predictions":[{"x":1},{"x":2}]}', 2, "application/json")).toEqual(['{"x":1}', '{"x":2}']);
    expect(splitAnswer('{"predictions":[{"x":1}]}', 1, "application/json")).toEqual(['{"x":1}']);
  });
});
