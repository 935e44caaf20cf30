// model.tar.gz unpacking refuses bombs, too many entries and entries that climb out of artifacts/.
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";
import { describe, expect, it } from "vitest";
import { unpackModelData } from "./unpack-model-data";

const root = mkdtempSync(join(tmpdir(), "smk-unpack-"));
let n = 0;

async function tarGz(entries: (Partial<tarStream.Header> & { name: string; body?: Buffer })[]): Promise<string> {
  const pack = tarStream.pack();
  const path = join(root, `archive-${n++}.tar.gz`);
  const done = pipeline(pack, createGzip(), createWriteStream(path));
  for (const { body, ...header } of entries) {
    if (header.type === "file" && header.size && !body) {
      // A large entry streamed as zeros: compresses ~1000:1, the shape of a decompression bomb.
      const entry = pack.entry(header);
      const chunk = Buffer.alloc(1024 * 1024);
      for (let left = header.size; left > 0; left -= chunk.length)
        if (!entry.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
          await new Promise<void>((r) => entry.once("drain", () => r()));
      entry.end(() => undefined);
    } else pack.entry(header, body ?? "");
  }
  pack.finalize();
  await done;
  return path;
}
const project = () => mkdtempSync(join(root, "project-"));
const limits = { maxBytes: 8 * 1024 * 1024, maxEntries: 50 };

describe("unpacking SageMaker model data", () => {
  it("puts each file under artifacts/ and skips links", async () => {
    const dir = project();
    const archive = await tarGz([
      { name: "model.joblib", type: "file", body: Buffer.from("abc") },
      { name: "code/", type: "directory" },
      { name: "code/inference.py", type: "file", body: Buffer.from("x = 1\n") },
      { name: "link", type: "symlink", linkname: "/etc/passwd" },
    ]);
    const r = await unpackModelData(dir, archive, limits);
    expect(r.files.sort()).toEqual(["code/inference.py", "model.joblib"]);
    expect(r.skipped).toEqual(["link (symlink)"]);
    expect(readFileSync(join(dir, "artifacts", "code", "inference.py"), "utf8")).toBe("x = 1\n");
    expect(existsSync(join(dir, "artifacts", "link"))).toBe(false);
  });

  it.each([["../escape.txt"], ["/etc/cron.d/evil"], ["a/../../escape.txt"]])(
    "refuses an entry named %s and keeps nothing",
    async (name) => {
      const dir = project();
      const archive = await tarGz([
        { name: "ok.txt", type: "file", body: Buffer.from("ok") },
        { name, type: "file", body: Buffer.from("evil") },
      ]);
      await expect(unpackModelData(dir, archive, limits)).rejects.toMatchObject({
        code: "invalid-input",
        message: expect.stringContaining("points outside its folder"),
      });
      expect(readdirSync(join(dir, "artifacts"))).toEqual([]);
      expect(existsSync(join(root, "escape.txt"))).toBe(false);
    },
  );

  it("stops a decompression bomb at the size limit and keeps nothing", async () => {
    const dir = project();
    const archive = await tarGz([{ name: "huge.bin", type: "file", size: 64 * 1024 * 1024 }]);
    expect(readFileSync(archive).length).toBeLessThan(1024 * 1024); // 64 MB of zeros in well under 1 MB
    await expect(unpackModelData(dir, archive, limits)).rejects.toMatchObject({
      code: "invalid-input",
      message: expect.stringContaining("unpacks to more than 8 MB"),
    });
    expect(readdirSync(join(dir, "artifacts"))).toEqual([]);
  });

  it("refuses more entries than the limit", async () => {
    const dir = project();
    const archive = await tarGz(Array.from({ length: 60 }, (_, i) => ({ name: `f${i}`, type: "file" as const, body: Buffer.from("x") })));
    await expect(unpackModelData(dir, archive, limits)).rejects.toMatchObject({ message: expect.stringContaining("more than 50 entries") });
  });

  it("says a truncated archive is not readable", async () => {
    const dir = project();
    const archive = await tarGz([{ name: "model.txt", type: "file", body: Buffer.alloc(20000, 7) }]);
    const cut = join(root, "cut.tar.gz");
    const bytes = readFileSync(archive);
    await pipeline(async function* () {
      yield bytes.subarray(0, bytes.length / 2);
    }, createWriteStream(cut));
    await expect(unpackModelData(dir, cut, limits)).rejects.toMatchObject({
      code: "invalid-input",
      message: expect.stringContaining("not a readable .tar.gz"),
    });
  });
});
