/**
 * Trains the intake test models (app/core/model/testing) in the pinned trainer image and prints
 * `<trainer image tag> <folder of trained models>` for scripts/test-adapters.sh.
 *   npx tsx scripts/train-intake-models.ts
 */
import { trainerTag, trainModels } from "../app/core/model/testing/trained-models";

const models = await trainModels([
  "sklearn",
  "sklearn-text",
  "sklearn-text-columns",
  "sklearn-gbc",
  "framework-estimators",
  "keras",
  "xgboost",
  "lightgbm",
  "catboost",
  "onnx",
]);
const dirs = Object.values(models).map((m) => m.dir);
if (dirs.length === 0) throw new Error("the trainer made no models");
console.log(`${trainerTag()} ${dirs[0]!.replace(/\/[^/]+$/, "")}`);
