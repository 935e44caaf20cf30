import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importArtifactPaths, importArtifactStream } from "./import-artifacts";
import { listArtifacts, removeArtifact } from "./list-artifacts";

function setup() {
  const root = mkdtempSync(join(tmpdir(), "smk-art-"));
  const dir = join(root, "proj");
  mkdirSync(join(dir, "artifacts"), { recursive: true });
  writeFileSync(join(dir, "stagemaker.json"), JSON.stringify({ name: "p", templateVersion: "0", imageTag: "stagemaker/p:latest" }));
  const src = join(root, "src");
  mkdirSync(join(src, "tok"), { recursive: true });
  writeFileSync(join(src, "weights.bin"), Buffer.alloc(300_000, 1));
  writeFileSync(join(src, "tok", "vocab.txt"), "a b c");
  return { dir, src };
}

describe("artifacts", () => {
  it("imports files and folders with progress and lists them", async () => {
    const { dir, src } = setup();
    const progress: number[] = [];
    const list = await importArtifactPaths(dir, [join(src, "weights.bin"), join(src, "tok")], {
      onProgress: (p) => progress.push(p.bytesDone),
    });
    expect(list).toEqual([
      { path: "tok/vocab.txt", size: 5 },
      { path: "weights.bin", size: 300_000 },
    ]);
    expect(progress).toContain(300_000);
    expect(await removeArtifact(dir, "tok")).toEqual([{ path: "weights.bin", size: 300_000 }]);
    await expect(removeArtifact(dir, "../stagemaker.json")).rejects.toMatchObject({ code: "outside-project" });
  });

  it("leaves nothing partial when an import is cancelled", async () => {
    const { dir, src } = setup();
    const ac = new AbortController();
    ac.abort();
    await expect(importArtifactPaths(dir, [join(src, "weights.bin"), join(src, "tok")], { signal: ac.signal })).rejects.toMatchObject({
      code: "cancelled",
    });
    expect(readdirSync(join(dir, "artifacts"))).toEqual([]);
  });

  it("streams an upload to a temporary file and renames it when complete", async () => {
    const { dir } = setup();
    const a = await importArtifactStream(dir, "up/model.onnx", Readable.from([Buffer.from("abc"), Buffer.from("def")]));
    expect(a).toEqual({ path: "up/model.onnx", size: 6 });
    expect(readFileSync(join(dir, "artifacts", "up", "model.onnx"), "utf8")).toBe("abcdef");

    const ac = new AbortController();
    const slow = new Readable({ read() {} });
    slow.push(Buffer.alloc(1000));
    const pending = importArtifactStream(dir, "half.bin", slow, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "cancelled" });
    expect(await listArtifacts(dir)).toEqual([{ path: "up/model.onnx", size: 6 }]);
    expect(readdirSync(join(dir, "artifacts"))).toEqual(["up"]);
    await expect(importArtifactStream(dir, "../escape.bin", Readable.from([]))).rejects.toMatchObject({ code: "outside-project" });
  });
});
