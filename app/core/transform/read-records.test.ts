import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readRecords } from "./read-records";

const dir = mkdtempSync(join(tmpdir(), "smk-records-"));
const collect = async (source: Awaited<ReturnType<typeof readRecords>>) => {
  const out: string[] = [];
  for await (const r of source.records) out.push(r.text ?? r.data.toString());
  return out;
};

describe("records of an input file", () => {
  it("loses no line when the caller starts reading later (a small file is read in one go)", async () => {
    writeFileSync(join(dir, "a.csv"), "a,1\n\nb,2\r\nc,3");
    const source = await readRecords(join(dir, "a.csv"), "Line", "None");
    await new Promise((r) => setTimeout(r, 50)); // the caller opens its output file meanwhile
    expect(await collect(source)).toEqual(["a,1", "b,2", "c,3"]);
    expect(source.bytesRead()).toBe(source.size);
  });

  it("reads gzip line by line, and SplitType None as one record of bytes", async () => {
    writeFileSync(join(dir, "b.csv.gz"), gzipSync("x\ny\n"));
    expect(await collect(await readRecords(join(dir, "b.csv.gz"), "Line", "Gzip"))).toEqual(["x", "y"]);
    const whole = await readRecords(join(dir, "b.csv.gz"), "None", "Gzip");
    expect(await collect(whole)).toEqual(["x\ny\n"]);
  });

  it("says when gzip input is not gzip", async () => {
    writeFileSync(join(dir, "c.gz"), "plain text\n");
    await expect(collect(await readRecords(join(dir, "c.gz"), "Line", "Gzip"))).rejects.toThrow(/not gzip data/);
  });
});
