// Two scikit-learn projects from the real template for tests and benchmarks: a StandardScaler step and a
// LogisticRegression step, both fitted by a script that runs inside the project's own image (never the
// host's Python), saved with joblib into each project's artifacts/.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Docker from "dockerode";
import { newContainer, removeStarted } from "../containers/start-container";
import type { Project, Services } from "../../contract";

const REQUIREMENTS = "scikit-learn==1.2.2\nnumpy<2\njoblib\n"; // 1.2.x wheels need numpy<2

const instance = `from pydantic import BaseModel


class Instance(BaseModel):
    """Four measurements (CSV columns in this order)."""

    x1: float
    x2: float
    x3: float
    x4: float
`;

const scalerPrediction = instance
  .replace("class Instance", "class Prediction")
  .replace("Four measurements (CSV columns in this order).", "The measurements scaled by the fitted StandardScaler.");
const labelPrediction = `from pydantic import BaseModel


class Prediction(BaseModel):
    label: int
`;

const predictor = (file: string, call: string, build: string) => `import os
from typing import List

import joblib
import numpy as np

from model.instance import Instance
from model.prediction import Prediction

try:  # pydantic 2
    from pydantic_settings import BaseSettings
except ImportError:  # pydantic 1.10
    from pydantic import BaseSettings  # type: ignore[no-redef]


class PredictorConfig(BaseSettings):
    artifacts_dir: str = "/opt/ml/model"
    max_batch_size: int = 4096


class Predictor:
    def __init__(self, config: PredictorConfig) -> None:
        self.model = joblib.load(os.path.join(config.artifacts_dir, "${file}"))

    def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
        x = np.array([[i.x1, i.x2, i.x3, i.x4] for i in instances], dtype=float)
        out = self.model.${call}(x)
        return [${build} for row in out]
`;

/** Fits both on the same seeded data: the scaler on raw rows, the classifier on scaled rows. */
const TRAIN = `"""Fits the test models inside the image: python -m model.train SCALER_DIR MODEL_DIR"""
import os
import sys

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(7)
x = rng.normal(loc=[5.0, 3.0, 4.0, 1.0], scale=[0.8, 0.4, 1.7, 0.7], size=(600, 4))
y = (x[:, 2] + x[:, 3] > 5.0).astype(int)
scaler = StandardScaler().fit(x)
classifier = LogisticRegression().fit(scaler.transform(x), y)
joblib.dump(scaler, os.path.join(sys.argv[1], "scaler.joblib"))
joblib.dump(classifier, os.path.join(sys.argv[2], "model.joblib"))
print("trained: accuracy", classifier.score(scaler.transform(x), y))
`;

export interface SklearnProjects {
  scaler: Project;
  classifier: Project;
}

export async function createSklearnProjects(
  services: Services,
  prefix: string,
  signal: AbortSignal,
  onLine: (l: string) => void = () => undefined,
): Promise<SklearnProjects> {
  const make = async (name: string, prediction: string, predictorCode: string) => {
    const p = await services["projects.create"]({ name: `${prefix}-${name}` }, { signal });
    await writeFile(join(p.dir, "requirements.txt"), REQUIREMENTS);
    await writeFile(join(p.dir, "model", "instance.py"), instance);
    await writeFile(join(p.dir, "model", "prediction.py"), prediction);
    await writeFile(join(p.dir, "model", "predictor.py"), predictorCode);
    await writeFile(join(p.dir, "model", "train.py"), TRAIN);
    await mkdir(join(p.dir, "artifacts"), { recursive: true });
    await services["build.run"]({ project: p.dir }, (e) => e.type === "step" && onLine(`${name}: step ${e.index}/${e.total}`), {
      signal,
    });
    return p;
  };
  const scaler = await make(
    "scaler",
    scalerPrediction,
    predictor("scaler.joblib", "transform", "Prediction(x1=row[0], x2=row[1], x3=row[2], x4=row[3])"),
  );
  const classifier = await make("classifier", labelPrediction, predictor("model.joblib", "predict", "Prediction(label=int(row))"));
  await trainInImage(classifier.manifest.imageTag, join(scaler.dir, "artifacts"), join(classifier.dir, "artifacts"));
  return { scaler, classifier };
}

async function trainInImage(image: string, scalerDir: string, modelDir: string): Promise<void> {
  const docker = new Docker();
  const user = process.getuid && process.getgid ? `${process.getuid()}:${process.getgid()}` : undefined;
  const container = await newContainer(docker, {
    kind: "trainer",
    image,
    cmd: ["python", "-m", "model.train", "/out/scaler", "/out/model"],
    user,
    mounts: [
      { Type: "bind", Source: scalerDir, Target: "/out/scaler" },
      { Type: "bind", Source: modelDir, Target: "/out/model" },
    ],
  });
  try {
    await container.start();
    const { StatusCode } = await container.wait();
    const logs = (await container.logs({ stdout: true, stderr: true })).toString("utf8");
    if (StatusCode !== 0) throw new Error(`training in ${image} failed (exit ${StatusCode}):\n${logs}`);
  } finally {
    await removeStarted(docker, container);
  }
}
