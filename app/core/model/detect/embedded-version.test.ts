// The XGBoost version inside a pickled scikit-learn-API estimator, read from the bytes of real
// models the intake trainer makes at test time (its xgboost-cpu is pinned in trainer.Dockerfile).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type TrainedModel, trainModels } from "../testing/trained-models";
import { detectArtifact } from "./detect-artifact";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const dockerfile = readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "../testing/trainer.Dockerfile"), "utf8");
const trainersXgboost = /xgboost-cpu==(\d+\.\d+\.\d+)/.exec(dockerfile)![1]!;
let models: Record<string, TrainedModel>;

beforeAll(async () => {
  models = await trainModels(["framework-estimators", "sklearn"]);
}, 900_000 * factor);

describe("the XGBoost version a pickle embeds", () => {
  it("is read from an XGBClassifier pickled with joblib (the pickle itself records none)", async () => {
    const m = models["xgboost-sklearn"]!;
    const d = await detectArtifact(join(m.dir, m.artifact));
    expect(d.kind).toBe("sklearn");
    expect(d.modules.some((x) => x.startsWith("xgboost"))).toBe(true);
    expect(d.embedded).toEqual({ xgboost: trainersXgboost });
  });

  it("is absent from pickles without an XGBoost booster", async () => {
    for (const name of ["lightgbm-sklearn", "sklearn"]) {
      const m = models[name]!;
      expect((await detectArtifact(join(m.dir, m.artifact))).embedded).toBeUndefined();
    }
  });
});
