// For a model of each framework, trained here: `stagemaker new --from` → a saved example → export →
// a fresh `git clone` → the exported CI workflow's own steps (make test, make lint, make mypy) pass in
// the clone, on the real engine. `npm run test:exports [-- -t lightgbm]`.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainDeepLearning } from "../../app/core/model/testing/deep-learning-models";
import { type TrainedModel, trainModels } from "../../app/core/model/testing/trained-models";
import { exportedModel, exportEnv, firstPrediction, removeExported, runCi } from "../../app/core/testing/exported-model";
import { writeRowSumsModel } from "../../app/core/testing/script-mode-model";
import { scaled } from "../../scripts/test-env/time-factor";

const root = mkdtempSync(join(tmpdir(), "smk-exports-"));
const env = exportEnv(root);
const projects: string[] = [];
let models: Record<string, TrainedModel> = {};
const seconds: Record<string, number> = {};

beforeAll(async () => {
  models = await trainModels(["sklearn", "framework-estimators", "xgboost", "lightgbm", "catboost", "onnx"]);
});

afterAll(async () => {
  for (const p of projects) await removeExported(p);
  console.log(
    Object.entries(seconds)
      .map(([k, s]) => `${k}: new --from → export → clone → CI steps green in ${s.toFixed(0)} s`)
      .join("\n"),
  );
});

/** The whole path for one model; `answer` checks the saved example against the framework's own output on row 0. */
async function exportsAndPasses(
  key: string,
  model: { dir: string; artifact: string; rows: unknown[][] },
  answer: (got: Record<string, unknown>) => void,
  exampleBody?: string,
) {
  const started = Date.now();
  const name = `smk-test-exports-${key}-${process.pid}`;
  projects.push(join(root, name));
  // make names its images after the clone's folder: fixed names keep each framework's layers cached.
  const exported = await exportedModel(model, {
    root,
    name,
    cloneName: `stagemaker-exports-${key}`,
    env,
    timeoutMs: scaled(1_200_000),
    exampleBody,
  });
  answer(exampleBody ? { answer: exported.exampleAnswer } : firstPrediction(exported.exampleAnswer));
  const steps = await runCi(exported.clone, env);
  for (const s of steps) console.log(`${key}: ${s.command}: ${s.seconds.toFixed(1)} s, exit ${s.code}`);
  const failed = steps.find((s) => s.code !== 0);
  expect(failed, failed && `${key}: ${failed.command} failed in the clone:\n${failed.output.slice(-6000)}`).toBeUndefined();
  expect(steps.map((s) => s.command)).toEqual(["make test", "make lint", "make mypy"]);
  expect(steps[0]!.output).toMatch(/\d+ passed/);
  expect(steps[0]!.output).not.toMatch(/\d+ (failed|errors?)\b/);
  seconds[key] = (Date.now() - started) / 1000;
}

/** A classifier's saved answer carries the framework's own label for row 0. */
const label = (model: () => TrainedModel) => (got: Record<string, unknown>) => expect(got.label).toBe(model().predictions[0]);

describe("an exported project's fresh clone passes its own CI", () => {
  it("scikit-learn (a ColumnTransformer Pipeline on a DataFrame, joblib)", () =>
    exportsAndPasses(
      "sklearn",
      models.sklearn!,
      label(() => models.sklearn!),
    ));
  it("XGBoost (a native JSON model)", () =>
    exportsAndPasses(
      "xgboost",
      models["xgboost-json"]!,
      label(() => models["xgboost-json"]!),
    ));
  it("LightGBM (a native text model, regression)", () =>
    exportsAndPasses("lightgbm", models.lightgbm!, (got) => {
      const value = Object.values(got).find((v) => typeof v === "number") as number;
      expect(value).toBeCloseTo(models.lightgbm!.predictions[0] as number, 6);
    }));
  it("LightGBM through scikit-learn's API (LGBMClassifier pickled with joblib)", () =>
    exportsAndPasses(
      "lightgbm-sklearn",
      models["lightgbm-sklearn"]!,
      label(() => models["lightgbm-sklearn"]!),
    ));
  it("CatBoost (a .cbm classifier with a categorical column)", () =>
    exportsAndPasses(
      "catboost",
      models.catboost!,
      label(() => models.catboost!),
    ));
  it("ONNX (skl2onnx)", () =>
    exportsAndPasses(
      "onnx",
      models.onnx!,
      label(() => models.onnx!),
    ));
  it("Keras 3 (.keras, served on the NumPy backend)", async () => {
    const entry = (await trainDeepLearning("keras")).entries["keras-flat"]!;
    await exportsAndPasses("keras", entry, (got) => {
      expect(got.label).toBe(entry.labels![0]);
      const want = entry.outputs[0] as number[];
      (got.probabilities as number[]).forEach((p, i) => expect(p).toBeCloseTo(want[i]!, 4));
    });
  });
  it("a SageMaker handler script (model.tar.gz with code/inference.py: script mode)", async () => {
    const dir = join(root, "scriptmode-model");
    mkdirSync(dir, { recursive: true });
    await writeRowSumsModel(join(dir, "model.tar.gz"));
    // The Inference Toolkit's default input_fn/output_fn: a JSON list in, the row sums times 2 out.
    await exportsAndPasses(
      "scriptmode",
      { dir, artifact: "model.tar.gz", rows: [] },
      (got) => expect(got.answer).toEqual([12, 30]),
      JSON.stringify([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
  });
});
