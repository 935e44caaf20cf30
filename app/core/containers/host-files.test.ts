import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { needsReadOverride } from "./host-files";

/** A file owned by a user other than root (this test may itself run as root). */
function someonesFile(path: string, mode: number) {
  writeFileSync(path, "weights");
  chmodSync(path, mode);
  if (process.getuid?.() === 0) chownSync(path, 1000, 1000);
}

describe("needsReadOverride", () => {
  it("is false when every file is world-readable, true for one only its (non-root) owner may read", () => {
    const dir = mkdtempSync(join(tmpdir(), "smk-host-files-"));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, "sub"), { mode: 0o755 });
    someonesFile(join(dir, "sub", "model.joblib"), 0o644);
    return (async () => {
      expect(await needsReadOverride([dir])).toBe(false);
      someonesFile(join(dir, "sub", "secret.bin"), 0o600);
      expect(await needsReadOverride([dir])).toBe(true);
      expect(await needsReadOverride([join(dir, "missing")])).toBe(false);
    })();
  });
});
