import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { cleanUpProject, uniqueName } from "../../core/testing/throwaway-template";
import { testCli } from "../../core/testing/test-cli";
import { scaled } from "../../../scripts/test-env/time-factor";

// Examples as regression tests from the command line: a change to the model fails `test` (exit 12,
// with the way out), `examples accept` keeps the new answer, and `test` passes again.
const root = mkdtempSync(join(tmpdir(), "smk-cli-examples-"));
const dir = join(root, "project");
let imageTag: string | undefined;

const cli = testCli(root, 600_000);

afterAll(async () => {
  await cli(["stop", dir]);
  await cleanUpProject(dir, imageTag);
});

it(
  "a failing example is accepted as the new expected answer, then passes",
  async () => {
    const created = await cli(["--json", "new", dir, "--name", uniqueName("cliex")]);
    imageTag = JSON.parse(created.stdout).value.manifest.imageTag;
    expect((await cli(["build", dir])).code).toBe(0);
    expect((await cli(["run", dir])).code).toBe(0);

    const saved = await cli(["examples", "save", dir, "--name", "one row", "--data", '{"instances":[{"field1":"a","field2":1.5}]}']);
    expect(saved.code, saved.stderr).toBe(0);
    expect((await cli(["test", dir])).code).toBe(0);

    const predictor = join(dir, "model", "predictor.py");
    writeFileSync(predictor, readFileSync(predictor, "utf8").replace("self.factor = 2.0", "self.factor = 3.0"));
    expect((await cli(["reload", dir])).code).toBe(0);
    const failing = await cli(["test", dir]);
    expect(failing.code).toBe(12);
    expect(failing.stdout).toContain("FAIL  one row");
    expect(failing.stdout).toContain('stagemaker examples accept DIR --name "one row"');

    const accepted = await cli(["examples", "accept", dir, "--name", "one row"]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain("examples/one-row.json now expects 200");
    expect(JSON.parse(readFileSync(join(dir, "examples", "one-row.json"), "utf8")).expected.body).toEqual({
      predictions: [{ output_field: "a:4.5" }],
    });
    expect((await cli(["test", dir])).code).toBe(0);

    const missing = await cli(["examples", "accept", dir, "--name", "no such"]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('No example named "no such"');
  },
  scaled(900_000),
);
