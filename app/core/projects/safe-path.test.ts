import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, chmodSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write";
import { imageTagFor, newProjectId, safeImageName } from "./image-name";
import { resolveInProject } from "./safe-path";

function project() {
  const root = mkdtempSync(join(tmpdir(), "smk-safe-"));
  const dir = join(root, "proj");
  mkdirSync(join(dir, "model"), { recursive: true });
  mkdirSync(join(root, "outside"));
  writeFileSync(join(root, "outside", "secret.txt"), "secret");
  return { root, dir };
}

describe("resolveInProject", () => {
  it("accepts paths inside, including ones that do not exist yet", async () => {
    const { dir } = project();
    await expect(resolveInProject(dir, "model/predictor.py")).resolves.toMatch(/proj\/model\/predictor\.py$/);
    await expect(resolveInProject(dir, "new/deeper/file.txt")).resolves.toMatch(/proj\/new\/deeper\/file\.txt$/);
  });

  it("refuses .., absolute paths and NUL bytes", async () => {
    const { dir } = project();
    for (const bad of ["../outside/secret.txt", "model/../../outside", "/etc/passwd", "C:\\Windows", "a\0b"])
      await expect(resolveInProject(dir, bad)).rejects.toMatchObject({ code: "outside-project" });
  });

  it("refuses symlinks that lead outside, for the file and for a parent folder", async () => {
    const { root, dir } = project();
    symlinkSync(join(root, "outside", "secret.txt"), join(dir, "link.txt"));
    symlinkSync(join(root, "outside"), join(dir, "linkdir"));
    await expect(resolveInProject(dir, "link.txt")).rejects.toMatchObject({ code: "outside-project" });
    await expect(resolveInProject(dir, "linkdir/new.txt")).rejects.toMatchObject({ code: "outside-project" });
  });

  it("allows symlinks that stay inside", async () => {
    const { dir } = project();
    writeFileSync(join(dir, "model", "a.py"), "");
    symlinkSync(join(dir, "model", "a.py"), join(dir, "alias.py"));
    await expect(resolveInProject(dir, "alias.py")).resolves.toMatch(/alias\.py$/);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temporary file", async () => {
    const { dir } = project();
    const file = join(dir, "f.txt");
    writeFileSync(file, "old");
    await writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps the old file when the write fails", async () => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; make the rename fail instead by targeting a folder.
      const { dir } = project();
      mkdirSync(join(dir, "target"));
      writeFileSync(join(dir, "target", "keep"), "x");
      await expect(writeFileAtomic(join(dir, "target"), "new")).rejects.toThrow();
      expect(readFileSync(join(dir, "target", "keep"), "utf8")).toBe("x");
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
      return;
    }
    const { dir } = project();
    const file = join(dir, "f.txt");
    writeFileSync(file, "old");
    chmodSync(dir, 0o500);
    await expect(writeFileAtomic(file, "new")).rejects.toThrow();
    chmodSync(dir, 0o700);
    expect(readFileSync(file, "utf8")).toBe("old");
  });
});

describe("safeImageName", () => {
  it("makes a valid Docker name from what a person typed", () => {
    expect(safeImageName("My Fancy Model!")).toBe("my-fancy-model");
    expect(safeImageName("  Café__Crème..v2 ")).toBe("cafe-creme-v2");
    expect(safeImageName("---")).toBe("model");
    expect(imageTagFor("Sentiment BERT", "k3v9x0qa")).toBe("stagemaker/sentiment-bert-k3v9x0qa:latest");
    const ids = new Set(Array.from({ length: 1000 }, () => newProjectId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{8}$/);
  });
});
