/**
 * The bundled CLI as a user meets it, in a fresh copy of the repo (no dist-cli/): the first start bundles it with no
 * build step, later starts use the bundle, an edited source is picked up by the next start, and the bundle still
 * finds the server template next to the sources.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, timeLimit } from "./layers/fixture-tree";

let clone: string;
const run = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((ok) =>
    execFile(
      process.execPath,
      [join(clone, "bin", "stagemaker.mjs"), ...args],
      { cwd: clone, env: { ...process.env, STAGEMAKER_STATE_DIR: join(clone, ".state"), STAGEMAKER_WORKSPACE: join(clone, "ws") } },
      (err, stdout, stderr) => ok({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
const builtAt = () =>
  (JSON.parse(readFileSync(join(clone, "dist-cli", "inputs.json"), "utf8")) as { builtAt: number; inputs: string[] }).builtAt;

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "smk-cli-clone-"));
  for (const path of [
    "app",
    "bin",
    "server-template",
    "package.json",
    "tsconfig.json",
    "scripts/cli-bundle.mjs",
    "scripts/cli-core-loader.mjs",
  ]) {
    cpSync(join(repoRoot, path), join(clone, path), { recursive: true, filter: (src) => !src.includes("__pycache__") });
  }
  symlinkSync(join(repoRoot, "node_modules"), join(clone, "node_modules"), "dir");
});

afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("bin/stagemaker.mjs runs the bundled CLI", () => {
  it(
    "bundles on the first start of a fresh clone, also when two start at once",
    async () => {
      expect(existsSync(join(clone, "dist-cli"))).toBe(false);
      const [a, b] = await Promise.all([run("--help"), run("--help")]);
      for (const r of [a, b]) {
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("Usage: stagemaker");
      }
      const inputs = (JSON.parse(readFileSync(join(clone, "dist-cli", "inputs.json"), "utf8")) as { inputs: string[] }).inputs;
      expect(inputs).toEqual(
        expect.arrayContaining(["app/cli/main.ts", "app/cli/cli-context.ts", "app/core/services.ts", "app/contract/channels.ts"]),
      );
      // --help loads only the entry: the core (dockerode, docker-modem…) is in the lazily loaded cli-context.cjs.
      expect(readFileSync(join(clone, "dist-cli", "stagemaker.mjs"), "utf8")).not.toContain("docker-modem");
      expect(readFileSync(join(clone, "dist-cli", "cli-context.cjs"), "utf8")).toContain("docker-modem");
    },
    timeLimit(120_000),
  );

  it(
    "uses the bundle while no source changed, and rebuilds it when one did",
    async () => {
      const first = builtAt();
      expect((await run("--help")).code).toBe(0);
      expect(builtAt()).toBe(first);

      const main = join(clone, "app", "cli", "main.ts");
      writeFileSync(main, readFileSync(main, "utf8").replace("Package and test ML models locally", "Package and test ML models (edited)"));
      const after = await run("--help");
      expect(after.stdout).toContain("Package and test ML models (edited)");
      expect(builtAt()).toBeGreaterThan(first);
    },
    timeLimit(120_000),
  );

  it(
    "answers status --json through the core bundle, twice (the second start uses the code cache)",
    async () => {
      for (let i = 0; i < 2; i++) {
        const r = await run("status", "--json");
        const envelope = JSON.parse(r.stdout) as { ok: boolean; value: { engine: { state: string } } };
        expect(envelope.ok).toBe(true);
        expect(["reachable", "unreachable"]).toContain(envelope.value.engine.state);
      }
      expect(existsSync(join(clone, "dist-cli", "cli-context.cjs.cache"))).toBe(true);
    },
    timeLimit(60_000),
  );

  it(
    "creates a project from the template beside the sources, not beside the bundle",
    async () => {
      const dir = join(clone, "ws", "made-by-bundle");
      const r = await run("new", dir, "--json");
      expect(r.code).toBe(0);
      expect(readFileSync(join(dir, "model", "predictor.py"), "utf8")).toBe(
        readFileSync(join(clone, "server-template", "model", "predictor.py"), "utf8"),
      );
    },
    timeLimit(60_000),
  );
});
