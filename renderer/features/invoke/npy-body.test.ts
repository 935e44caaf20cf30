import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, readNpy, writeNpy } from "../../../app/contract";
import { bodyFormat, bodyToInstances, instancesToBody } from "./body-format";
import { columnsOf } from "./form-schema";
import { jsonArrayToNpy, npyLayoutProblem } from "./npy-body";

// What pydantic writes for `pixels: List[List[List[float]]]` (an 8x8x1 image field) and for flat fields.
const nested = (depth: number, item: object): object => (depth ? { type: "array", items: nested(depth - 1, item) } : item);
const IMAGE = { type: "object", required: ["pixels"], properties: { pixels: { title: "Pixels", ...nested(3, { type: "number" }) } } };
const FLAT = {
  type: "object",
  properties: { a: { type: "number" }, b: { type: "integer" } },
};
const MIXED = { type: "object", properties: { text: { type: "string" }, ids: nested(1, { type: "integer" }) } };

const image = (v: number) => Array.from({ length: 2 }, (_, r) => Array.from({ length: 3 }, (_, c) => [v + r * 3 + c + 0.5]));

describe("instances ⇄ one application/x-npy array", () => {
  it("reads a nested-list field as a tensor of its rank and element type", () => {
    expect(columnsOf(IMAGE, []).map((c) => c.tensor)).toEqual([{ rank: 3, item: "number" }]);
    expect(columnsOf(MIXED, []).map((c) => c.tensor)).toEqual([undefined, { rank: 1, item: "integer" }]);
    expect(bodyFormat("application/x-npy")).toBe("npy");
  });

  it("stacks a lone tensor field's instances on a batch axis as float32, and reads them back row by row", () => {
    const columns = columnsOf(IMAGE, []);
    const instances = [{ pixels: image(0) }, { pixels: image(10) }];
    const body = instancesToBody(instances, "npy", columns)!;
    const a = readNpy(base64ToBytes(body));
    expect(a).toMatchObject({ dtype: "float32", shape: [2, 2, 3, 1] });
    expect(bodyToInstances(body, "npy", columns)).toEqual({ instances });
  });

  it("takes an array without the batch axis as one instance, and names the rank it expected otherwise", () => {
    const columns = columnsOf(IMAGE, []);
    const one = bytesToBase64(writeNpy(image(1), "f4"));
    expect(bodyToInstances(one, "npy", columns)).toEqual({ instances: [{ pixels: image(1) }] });
    const flat = bytesToBase64(writeNpy([1, 2, 3], "f4"));
    expect(bodyToInstances(flat, "npy", columns)).toEqual({ problem: "pixels takes 3 dimensions per instance; the array has shape (3)" });
  });

  it("writes scalar fields as (n, fields) in field order, float64 so no digit is lost", () => {
    const columns = columnsOf(FLAT, []);
    const body = instancesToBody(
      [
        { a: 0.1, b: 2 },
        { a: 1 / 3, b: 5 },
      ],
      "npy",
      columns,
    )!;
    expect(readNpy(base64ToBytes(body))).toMatchObject({
      dtype: "float64",
      shape: [2, 2],
      values: [
        [0.1, 2],
        [1 / 3, 5],
      ],
    });
    expect(bodyToInstances(bytesToBase64(writeNpy([[1, 2, 3]], "f8")), "npy", columns)).toEqual({
      problem: "expected shape (n, 2) for a, b; got (1, 3)",
    });
  });

  it("says why fields have no NPY layout, and leaves the body empty rather than sending text as bytes", () => {
    const columns = columnsOf(MIXED, []);
    expect(npyLayoutProblem(columns)).toMatch(/several fields, so send JSON/);
    expect(instancesToBody([{ text: "x", ids: [1] }], "npy", columns)).toBe("");
    expect(bodyToInstances("", "npy", columns)).toEqual({ problem: "no array yet: load a .npy file" });
    expect(bodyToInstances(bytesToBase64(new TextEncoder().encode("[1, 2]")), "npy", columnsOf(IMAGE, []))).toMatchObject({
      problem: expect.stringMatching(/not a \.npy file/),
    });
  });

  it("turns a pasted JSON nested list into NPY: int64 for whole numbers, float32 otherwise, ragged lists refused", () => {
    const ints = jsonArrayToNpy("[[1, 2], [3, 4]]");
    expect("base64" in ints && readNpy(base64ToBytes(ints.base64))).toMatchObject({ dtype: "int64", shape: [2, 2] });
    const floats = jsonArrayToNpy("[0.5, 1]");
    expect("base64" in floats && readNpy(base64ToBytes(floats.base64))).toMatchObject({ dtype: "float32", values: [0.5, 1] });
    expect(jsonArrayToNpy("[[1, 2], [3]]")).toEqual({ problem: expect.stringMatching(/ragged/) });
  });
});
