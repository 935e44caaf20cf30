// Detect → generate → build → run → invoke through the CLI, for models the test trains itself:
// the server's text/csv answers must equal the framework's own predict() on the same rows.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGzip } from "node:zlib";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import tarStream from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCli } from "../testing/test-cli";
import { cleanUpProject } from "../testing/throwaway-template";
import { type TrainedModel, trainModels } from "./testing/trained-models";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-new-from-cli-"));
let models: Record<string, TrainedModel> = {};
const made: string[] = [];

const cli = testCli(root, 900_000);

const csvCell = (v: number | string) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

/** SageMaker model data: the artifact inside a model.tar.gz, as SageMaker would hand it over. */
async function modelTarGz(m: TrainedModel): Promise<string> {
  const pack = tarStream.pack();
  pack.entry({ name: m.artifact }, await readFile(join(m.dir, m.artifact)));
  pack.finalize();
  const path = join(root, "model.tar.gz");
  await pipeline(pack, createGzip(), createWriteStream(path));
  return path;
}

beforeAll(async () => {
  models = await trainModels(["sklearn", "sklearn-text", "sklearn-gbc", "framework-estimators", "xgboost", "lightgbm", "catboost", "onnx"]);
}, 900_000 * factor);

afterAll(async () => {
  for (const dir of made) await cleanUpProject(dir); // containers only: the images stay as the next run's cache
});

describe("stagemaker new --from, then build, run, invoke text/csv", () => {
  const cases: [string, string, (m: TrainedModel) => Promise<string> | string][] = [
    ["sklearn", "a scikit-learn Pipeline with a ColumnTransformer over string columns (joblib)", (m) => join(m.dir, m.artifact)],
    ["xgboost-json", "an XGBoost multi-class model (.json)", (m) => join(m.dir, m.artifact)],
    ["xgboost-ubj", "an XGBoost multi-class model (.ubj)", (m) => join(m.dir, m.artifact)],
    ["xgboost-binary", "an XGBoost binary classifier (legacy binary)", (m) => join(m.dir, m.artifact)],
    ["lightgbm", "a LightGBM regressor (text) inside a SageMaker model.tar.gz", modelTarGz],
    ["catboost", "a CatBoost classifier with a categorical string column and string labels (.cbm)", (m) => join(m.dir, m.artifact)],
    ["onnx", "an ONNX classifier (skl2onnx, opset 22: onnxruntime before 1.21 cannot load it)", (m) => join(m.dir, m.artifact)],
    ["sklearn-text", "a TfidfVectorizer → LogisticRegression pipeline on one string column, string labels", (m) => join(m.dir, m.artifact)],
    ["lightgbm-sklearn", "an LGBMClassifier pickled with joblib, string labels (needs libgomp1)", (m) => join(m.dir, m.artifact)],
    ["sklearn-gbc", "a GradientBoostingClassifier saved with pickle (names scikit-learn's _loss)", (m) => join(m.dir, m.artifact)],
  ];
  it.concurrent.each(cases)(
    "%s: %s answers like the framework's own predict()",
    async (name, _what, source) => {
      const m = models[name];
      expect(m, `the trainer made ${name}`).toBeDefined();
      const dir = join(root, name);
      made.push(dir);
      const created = await cli(["--json", "new", dir, "--name", `smk-test-intake-${name}`, "--from", await source(m!)]);
      expect(created.code, created.stderr + created.stdout).toBe(0);
      const plan = JSON.parse(created.stdout).value.plan;
      expect(plan.introspection.features.length).toBe(m!.rows[0]!.length);
      // No package is asked for that is scikit-learn's own (GradientBoosting's pickle names "_loss").
      expect(plan.notes.join(" ")).not.toContain("_loss");
      const predictor = await readFile(join(dir, "model", "predictor.py"), "utf8");
      expect(predictor).toContain("from server.frameworks import");
      expect(await readFile(join(dir, "tests", "test_predictor.py"), "utf8")).toContain("EXPECTED");

      const built = await cli(["build", dir]);
      expect(built.code, built.stderr).toBe(0);
      const run = await cli(["run", dir]);
      expect(run.code, run.stderr + run.stdout).toBe(0);

      const body = m!.rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
      const answer = await cli(["invoke", dir, "--content-type", "text/csv", "--accept", "text/csv", "--data", body]);
      expect(answer.code, answer.stderr + answer.stdout).toBe(0);
      const first = answer.stdout
        .trim()
        .split("\n")
        .map((line) => line.split(",")[0]!);
      expect(first).toHaveLength(m!.predictions.length);
      m!.predictions.forEach((want, i) => {
        if (typeof want === "number" && !Number.isInteger(want)) expect(Number(first[i])).toBeCloseTo(want, 6);
        else expect(first[i]).toBe(String(want));
      });
      await cli(["stop", dir]);
    },
    900_000 * factor,
  );
});

describe("stagemaker new --from a file without an adapter", () => {
  // (Keras files have an adapter since branch deeplearning: keras-cli.test.ts serves them.)
  it("refuses a file no adapter serves, makes no project and says what to do", async () => {
    const dir = join(root, "unserved");
    const file = join(root, "weights.bin");
    writeFileSync(
      file,
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
    );
    const r = await cli(["new", dir, "--name", "smk-test-intake-unserved", "--from", file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("weights.bin is not a model format Stagemaker recognises");
    expect(r.stderr).toContain("no project was made");
    expect(r.stderr).toContain("write DIR/model/predictor.py");
    expect(existsSync(join(dir, "model", "predictor.py"))).toBe(false);
  });
});

describe("stagemaker new --from a model that fails to plan", () => {
  it("keeps no half-made project: a new folder is removed, a given empty one is emptied again", async () => {
    const model = join(models.sklearn!.dir, models.sklearn!.artifact);
    const fresh = join(root, "unplanned");
    const r = await cli(["new", fresh, "--name", "smk-test-intake-unplanned", "--from", model, "--framework-version", "0.1.0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has no wheel for Python");
    expect(r.stderr).toContain("No project was kept");
    expect(existsSync(fresh)).toBe(false);
    const given = join(root, "given-empty");
    mkdirSync(given);
    const again = await cli(["new", given, "--name", "smk-test-intake-unplanned", "--from", model, "--framework-version", "0.1.0"]);
    expect(again.code).toBe(2);
    expect(readdirSync(given)).toEqual([]);
  });
});

describe("stagemaker inspect", () => {
  it("names the kind, version and tensors of each model without loading it", async () => {
    const r = await cli(["--json", "inspect", join(models.onnx!.dir, "model.onnx")]);
    expect(r.code).toBe(0);
    const [d] = JSON.parse(r.stdout).value.detections;
    expect(d).toMatchObject({ kind: "onnx", inputs: [{ name: "X", type: "tensor(float)", shape: ["?", 4] }] });
    // The opsets and IR version the runtime is chosen by (server/frameworks/onnx.py).
    expect(d).toMatchObject({ onnx: { irVersion: 10, opsets: { "": 22 } } });
    const s = await cli(["inspect", join(models.sklearn!.dir, "model.joblib")]);
    expect(s.stdout).toContain("model.joblib: sklearn 1.5.2 (joblib");
    expect(s.stdout).toContain("sklearn.pipeline.Pipeline");
  });
});
