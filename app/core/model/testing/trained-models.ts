// Test support: trains the intake tests' models at test time in a pinned trainer image (built once,
// tagged by the hash of its files, so later runs reuse it) and reads what each model predicted.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { newContainer, removeStarted } from "../../containers/start-container";
import { ensureTrainerImage, hostUser, runTrainer } from "./trainer-image";

const here = fileURLToPath(new URL(".", import.meta.url));
const FILES = ["trainer.Dockerfile", "train_models.py"];

export interface TrainedModel {
  dir: string;
  artifact: string;
  rows: (number | string)[][];
  predictions: (number | string)[];
  /** A classifier's own predict_proba() per row, by class (where the trainer saved it). */
  probabilities?: Record<string, number>[];
}

export function trainerTag(): string {
  const hash = createHash("sha256");
  for (const f of FILES) hash.update(readFileSync(join(here, f)));
  return `stagemaker-test/intake-trainer:${hash.digest("hex").slice(0, 12)}`;
}

export async function ensureTrainer(docker: Docker, tag: string): Promise<void> {
  await ensureTrainerImage(docker, tag, { dir: here, files: FILES, dockerfile: "trainer.Dockerfile", what: "intake" });
}

/** Trains `kinds` (sklearn, sklearn-text, sklearn-text-columns, sklearn-gbc, framework-estimators, keras, xgboost, lightgbm, catboost, onnx) into a new temporary folder. */
export async function trainModels(kinds: string[]): Promise<Record<string, TrainedModel>> {
  const docker = new Docker();
  const tag = trainerTag();
  await ensureTrainer(docker, tag);
  const out = mkdtempSync(join(tmpdir(), "smk-intake-models-"));
  const user = hostUser();
  // The sealed profile like every container of ours (no network: the trainer needs none).
  const container = await newContainer(docker, {
    kind: "trainer",
    image: tag,
    cmd: ["/out", kinds.join(",")],
    user,
    labels: { "com.stagemaker.test": "intake-trainer" },
    mounts: [{ Type: "bind", Source: out, Target: "/out" }],
  });
  try {
    await runTrainer(container, "intake");
  } finally {
    await removeStarted(docker, container).catch(() => undefined);
  }
  const names = [
    "sklearn",
    "sklearn-text",
    "sklearn-text-columns",
    "sklearn-gbc",
    "lightgbm-sklearn",
    "xgboost-sklearn",
    "keras",
    "xgboost-json",
    "xgboost-ubj",
    "xgboost-binary",
    "lightgbm",
    "catboost",
    "onnx",
  ];
  const models: Record<string, TrainedModel> = {};
  for (const name of names) {
    const dir = join(out, name);
    const expected = await readFile(join(dir, "expected.json"), "utf8").then(JSON.parse, () => undefined);
    if (expected) models[name] = { dir, ...expected };
  }
  return models;
}
