// The CLI face of the rule: a project whose artifacts/ hold a model its predictor does not serve is
// refused by `build` and `run` (exit 2, the reason and what to do), `status` says so before anyone
// tries, and once the person writes model/predictor.py the same commands build, run and answer from it.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { testCli } from "../../testing/test-cli";
import { OWN_PREDICTOR, ownClassPickle } from "../testing/own-class-pickle";
import { cleanUpProject, uniqueName } from "../../testing/throwaway-template";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-refusal-cli-"));
const cli = testCli(root, 600_000);
const dir = join(root, uniqueName("guard-cli"));
const tag = () => (JSON.parse(readFileSync(join(dir, "stagemaker.json"), "utf8")) as { imageTag: string }).imageTag;
const imageExists = () =>
  promisify(execFile)("docker", ["image", "inspect", tag()]).then(
    () => true,
    () => false,
  );

afterAll(async () => {
  await cli(["stop", dir]);
  await cleanUpProject(dir, tag());
});

describe("stagemaker build / run / status on a model the predictor does not serve", () => {
  it(
    "refuses with the reason and what to do, builds nothing, and builds the person's own predictor",
    async () => {
      expect((await cli(["new", dir])).code).toBe(0);
      const pickle = ownClassPickle();
      writeFileSync(join(dir, "artifacts", "model.pkl"), pickle);

      const status = await cli(["status", dir]);
      expect(status.stdout).toContain("Model refused: artifacts/model.pkl is a pickled mymodel.Doubler (pickle)");
      expect(status.stdout).toContain("write model/predictor.py yourself so that it loads artifacts/model.pkl");

      const build = await cli(["build", dir]);
      expect(build.code).toBe(2);
      expect(build.stderr).toContain("Stagemaker will not build this project. artifacts/model.pkl is a pickled mymodel.Doubler");
      expect(build.stderr).toContain("What to do:");
      expect(await imageExists()).toBe(false);
      const json = await cli(["--json", "build", dir]);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        error: { code: "invalid-input", detail: { modelRefusal: { cause: "example-predictor", artifact: "model.pkl" } } },
      });
      const run = await cli(["run", dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Stagemaker will not run this project.");

      // Following the advice: a predictor of their own, which reads the pickle.
      writeFileSync(join(dir, "model", "predictor.py"), OWN_PREDICTOR);
      expect((await cli(["status", dir])).stdout).not.toContain("Model refused");
      const built = await cli(["build", dir]);
      expect(built.code, built.stderr).toBe(0);
      expect(await imageExists()).toBe(true);
      const started = await cli(["run", dir]);
      expect(started.code, started.stderr).toBe(0);
      const answer = await cli(["invoke", dir, "--data", JSON.stringify({ instances: [{ field1: "x", field2: 1 }] })]);
      expect(answer.code, answer.stderr).toBe(0);
      expect(answer.stdout).toContain(`"output_field":"x:${pickle.length}"`);
    },
    600_000 * factor,
  );
});
