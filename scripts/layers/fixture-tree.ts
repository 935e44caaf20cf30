/** A throwaway tree that mimics the repo layout, for testing the lint and layering rules on files that break them. */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Time limits of these tests scale with the machine's load (see the brief: STAGEMAKER_TEST_TIME_FACTOR). */
export const timeLimit = (ms: number) => ms * (Number(process.env.STAGEMAKER_TEST_TIME_FACTOR) || 1);

/** Writes `files` (path → text) under a new temp folder with the repo's tsconfig and node_modules; returns it. */
export function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "smk-layers-"));
  symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"), "dir");
  const tsconfig = JSON.parse(readFileSync(join(repoRoot, "tsconfig.json"), "utf8")) as { include: string[] };
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: ["app", "renderer", "e2e", "scripts", "bench"] }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
