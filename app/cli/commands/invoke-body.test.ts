import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type InvocationResult, readNpy, writeNpy } from "../../contract";
import { answerText, readInvokeData } from "./invoke-body";

const dir = mkdtempSync(join(tmpdir(), "smk-invoke-body-"));
const result = (body: Buffer, contentType: string, binary: boolean): InvocationResult => ({
  status: 200,
  headers: { "content-type": contentType },
  body: body.toString(binary ? "base64" : "utf8"),
  ...(binary ? { bodyEncoding: "base64" as const } : {}),
  bodyBytes: body.length,
  truncated: false,
  timings: { totalMs: 1 },
});

describe("stagemaker invoke's body and answer bytes", () => {
  it("sends an .npy file's bytes base64 as application/x-npy, whatever bytes it holds", () => {
    const npy = writeNpy([[0.5, 128.25, -3]], "f4"); // float bytes that are not UTF-8
    writeFileSync(join(dir, "rows.npy"), npy);
    const got = readInvokeData(`@${join(dir, "rows.npy")}`, undefined);
    expect(got).toMatchObject({ contentType: "application/x-npy", bodyEncoding: "base64" });
    expect(Buffer.from(got.body, "base64")).toEqual(Buffer.from(npy));
  });

  it("keeps text files as text, the content type from the extension unless one is given", () => {
    writeFileSync(join(dir, "rows.csv"), "1,2\n3,4\n");
    expect(readInvokeData(`@${join(dir, "rows.csv")}`, undefined)).toEqual({ body: "1,2\n3,4\n", contentType: "text/csv" });
    expect(readInvokeData(`@${join(dir, "rows.csv")}`, "text/plain")).toEqual({ body: "1,2\n3,4\n", contentType: "text/plain" });
    expect(readInvokeData('{"instances": []}', undefined)).toEqual({ body: '{"instances": []}', contentType: "application/json" });
  });

  it("sends bytes that are not UTF-8 base64 even under a text type (never mangled)", () => {
    writeFileSync(join(dir, "blob.bin"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const got = readInvokeData(`@${join(dir, "blob.bin")}`, "application/json");
    expect(got.bodyEncoding).toBe("base64");
    expect([...Buffer.from(got.body, "base64")]).toEqual([0xff, 0xfe, 0x00, 0x41]);
  });

  it("shows an NPY answer as its array, writes any answer's bytes to --output, and never prints other bytes", () => {
    const npy = Buffer.from(writeNpy([[1, 0.25, 0.75]], "f8"));
    expect(answerText(result(npy, "application/x-npy", true))).toEqual({
      stdout: "[[1,0.25,0.75]]",
      note: expect.stringContaining("NPY float64 (1, 3)") as unknown as string,
    });
    const out = join(dir, "answer.npy");
    expect(answerText(result(npy, "application/x-npy", true), out).stdout).toBeUndefined();
    expect(readNpy(readFileSync(out)).values).toEqual([[1, 0.25, 0.75]]);
    expect(answerText(result(Buffer.from([0xff, 0xd8]), "image/jpeg", true))).toEqual({
      note: "The answer is 2 bytes of image/jpeg: pass --output FILE to keep them",
    });
    expect(answerText(result(Buffer.from('{"a":1}'), "application/json", false)).stdout).toBe('{"a":1}');
  });
});
