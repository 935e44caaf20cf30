// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { droppedFiles } from "./dropped-files";

/** Just enough of the File System Entry API to stand for a dropped folder tree. */
function fileEntry(fullPath: string, size: number) {
  const file = new File([new Uint8Array(size)], fullPath.split("/").pop()!);
  return { isFile: true, isDirectory: false, fullPath, file: (ok: (f: File) => void) => ok(file) };
}
function dirEntry(fullPath: string, children: unknown[], batch = 2) {
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader() {
      let at = 0;
      // Like Chromium: entries come in batches until an empty one.
      return { readEntries: (ok: (e: unknown[]) => void) => ok(children.slice(at, (at += batch))) };
    },
  };
}
function transfer(entries: (unknown | null)[], plain: File[] = []) {
  const items = entries.map((entry, i) => ({ kind: "file", webkitGetAsEntry: () => entry, getAsFile: () => plain[i] ?? null }));
  return { items, files: plain } as unknown as DataTransfer;
}

describe("droppedFiles", () => {
  it("walks dropped folders (all batches) keeping paths, next to plain files", async () => {
    const model = dirEntry("/model", [
      fileEntry("/model/a.bin", 3),
      fileEntry("/model/b.bin", 4),
      dirEntry("/model/tok", [fileEntry("/model/tok/vocab.txt", 5)]),
      fileEntry("/model/c.bin", 6),
    ]);
    const picked = await droppedFiles(transfer([model, fileEntry("/labels.json", 2)]));
    expect(picked.map((p) => [p.relPath, p.file.size])).toEqual([
      ["model/a.bin", 3],
      ["model/b.bin", 4],
      ["model/tok/vocab.txt", 5],
      ["model/c.bin", 6],
      ["labels.json", 2],
    ]);
  });

  it("falls back to the plain file when no entry is available", async () => {
    const f = new File(["x"], "w.pt");
    const picked = await droppedFiles(transfer([null], [f]));
    expect(picked).toEqual([{ file: f, relPath: "w.pt" }]);
  });
});
