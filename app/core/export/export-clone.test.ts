import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, expect, it } from "vitest";
import { trainModels } from "../model/testing/trained-models";
import { exportedModel, exportEnv, firstPrediction, removeExported, runCi } from "../testing/exported-model";
import { scaled } from "../../../scripts/test-env/time-factor";

// The "done when", for the representative model (a scikit-learn text classifier: a
// TfidfVectorizer → LogisticRegression Pipeline, one string column): `new --from` → a saved example →
// export → a fresh `git clone` → the exported CI workflow's own steps (make test, make lint, make mypy)
// pass there on the real engine. Every other framework: `npm run test:exports`.
const root = mkdtempSync(join(tmpdir(), "smk-export-clone-"));
const env = exportEnv(root);
let project = "";

afterAll(async () => {
  if (project) await removeExported(project);
});

it(
  "a text classifier's project exports to a repository whose fresh clone passes its own CI steps",
  async () => {
    const model = (await trainModels(["sklearn-text"]))["sklearn-text"]!;
    // make names its images after the clone's folder: a fixed name keeps them tagged between runs as
    // the layer cache (the clone itself is fresh every run).
    const name = `smk-test-export-clone-${process.pid}`;
    project = join(root, name); // cleaned up even when a step fails
    const exported = await exportedModel(model, {
      root,
      name,
      cloneName: "stagemaker-export-clone-test",
      env,
      timeoutMs: scaled(900_000),
    });
    expect(exported.features).toEqual(["text"]);
    // The saved example holds the framework's own answer, which the clone's replay then expects.
    expect(firstPrediction(exported.exampleAnswer).label).toBe(model.predictions[0]);

    const steps = await runCi(exported.clone, env);
    for (const s of steps) console.log(`${s.command} in a fresh clone: ${s.seconds.toFixed(1)} s wall, exit ${s.code}`);
    const failed = steps.find((s) => s.code !== 0);
    expect(failed, failed && `${failed.command} failed:\n${failed.output.slice(-4000)}`).toBeUndefined();
    expect(steps.map((s) => s.command)).toEqual(["make test", "make lint", "make mypy"]);
    const [test, lint, mypy] = steps.map((s) => s.output);
    expect(test).toMatch(/build trusts the CA bundle/);
    expect(test).toMatch(/\d+ passed/);
    expect(test).not.toMatch(/\d+ (failed|error)/);
    expect(lint).toMatch(/All checks passed/);
    expect(mypy).toMatch(/Success: no issues found/);
    // The live phase ran against a container, which is gone afterwards.
    const cid = /live tests against container ([0-9a-f]{12})/.exec(test!)?.[1];
    expect(cid).toBeDefined();
    const left = await new Docker().listContainers({ all: true, filters: { id: [cid!] } });
    expect(left).toHaveLength(0);
  },
  scaled(2_400_000),
);
