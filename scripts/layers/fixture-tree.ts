/** A throwaway tree that mimics the repo layout, for testing the lint and layering rules on files that break them. */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

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

/**
 * Cruises `paths` of a fixture tree with one of the repo's dependency-cruiser configs, as `npm run layers` does.
 * found: each violation as "rule: from → to"; exitCode: the default report's, the one npm test sees.
 */
export async function cruise(root: string, paths: string[], config: string): Promise<{ found: string[]; exitCode: number }> {
  const depcruise = (...extra: string[]) =>
    promisify(execFile)(join(repoRoot, "node_modules", ".bin", "depcruise"), [...paths, "--config", join(repoRoot, config), ...extra], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (r) => ({ stdout: r.stdout, code: 0 }),
      (err: { stdout: string; code: number }) => ({ stdout: err.stdout, code: err.code }),
    );
  // The JSON report names each violation; the default report sets the exit code.
  const [json, plain] = await Promise.all([depcruise("--output-type", "json"), depcruise()]);
  const result = JSON.parse(json.stdout) as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
  // node_modules is a symlink to the repo's, so packages resolve to its real path: keep the part that matters.
  const found = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*\/node_modules\//, "node_modules/")}`);
  return { found, exitCode: plain.code };
}
