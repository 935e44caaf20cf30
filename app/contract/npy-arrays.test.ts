import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, npySummary, readNpy, shapeOf, writeNpy } from "./npy-arrays";

describe(".npy arrays", () => {
  it("round-trips each element type the form writes, nested lists in and out", () => {
    const image = [
      [[0.5], [-1.25]],
      [[3], [4.75]],
    ];
    const f4 = readNpy(writeNpy([image, image], "f4"));
    expect(f4).toMatchObject({ dtype: "float32", shape: [2, 2, 2, 1], values: [image, image] });
    expect(readNpy(writeNpy([0.1, 0.2], "f8")).values).toEqual([0.1, 0.2]);
    expect(readNpy(writeNpy([[1, -2, 3]], "i8"))).toMatchObject({ dtype: "int64", shape: [1, 3], values: [[1, -2, 3]] });
    expect(readNpy(writeNpy([true, false], "b1"))).toMatchObject({ dtype: "bool", values: [true, false] });
  });

  it("writes NumPy's header: magic, version 1.0, a dict literal padded so the data starts aligned", () => {
    const bytes = writeNpy([[1, 2, 3]], "f4");
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8]! + bytes[9]! * 256;
    expect((10 + headerLength) % 8).toBe(0); // numpy pads to 64 and reads any; numpy's own load is checked in npy-numpy.test.ts
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
    expect(header).toMatch(/'descr':\s*'<f4'/);
    expect(header).toMatch(/'shape':\s*\(1,\s*3\)/);
    expect(bytes.length).toBe(10 + headerLength + 3 * 4);
  });

  it("says why a body is not an array it can read", () => {
    expect(() => readNpy(new TextEncoder().encode('{"instances": []}'))).toThrow(/not a \.npy file/);
    const objects = writeNpy([1], "f4");
    const header = new TextDecoder("latin1").decode(objects).replace("'<f4'", "'|O' ");
    expect(() => readNpy(Uint8Array.from(header, (c) => c.charCodeAt(0)))).toThrow(/object array/);
  });

  it("measures nested lists and refuses ragged ones with both shapes", () => {
    expect(
      shapeOf([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toEqual([3, 2]);
    expect(shapeOf(7)).toEqual([]);
    expect(() => shapeOf([[1, 2], [3]])).toThrow(/ragged.*\(2\).*\(1\)/);
    expect(() => shapeOf([["a"]])).toThrow(/not a number/);
  });

  it("summarises the way numpy prints a shape, and base64 survives bytes of every value", () => {
    expect(npySummary({ dtype: "float32", shape: [2, 8, 8, 1], bytes: 1152 })).toBe("float32 (2, 8, 8, 1) · 1,152 bytes");
    expect(npySummary({ dtype: "int64", shape: [5], bytes: 168 })).toBe("int64 (5,) · 168 bytes");
    const all = Uint8Array.from({ length: 256 * 300 }, (_, i) => i % 256);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString("base64"));
  });
});
