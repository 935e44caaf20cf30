// SageMaker script mode through the CLI on the real engine: a model.tar.gz holding a scikit-learn
// model (trained by the test) and a code/inference.py (written by the test) → new --from → build →
// run → invoke gives the bytes the SageMaker scikit-learn container gives for that script.
import { createWriteStream, mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCli } from "../../testing/test-cli";
import { cleanUpProject } from "../../testing/throwaway-template";
import { type TrainedModel, trainModels } from "../testing/trained-models";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-scriptmode-cli-"));
const dir = join(root, "project");
let model: TrainedModel;

const cli = testCli(root, 900_000);

// The person's script: rows (JSON list of lists, or CSV lines) into the DataFrame the Pipeline was
// trained on; predict_fn and output_fn are the scikit-learn container's defaults.
const INFERENCE_PY = `import csv
import io
import json
import os

import joblib
import pandas as pd

COLUMNS = ["sepal length (cm)", "colour", "age"]


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(body, content_type):
    if content_type == "application/json":
        rows = json.loads(body)
    elif content_type == "text/csv":
        rows = [[float(a), b, int(c)] for a, b, c in csv.reader(io.StringIO(body))]
    else:
        raise ValueError("send application/json or text/csv, not %s" % content_type)
    return pd.DataFrame(rows, columns=COLUMNS)
`;

async function scriptModeTarGz(m: TrainedModel): Promise<string> {
  const pack = tarStream.pack();
  pack.entry({ name: "model.joblib" }, await readFile(join(m.dir, m.artifact)));
  pack.entry({ name: "code/inference.py" }, INFERENCE_PY);
  pack.entry({ name: "code/requirements.txt" }, "pandas==2.2.3\n");
  pack.finalize();
  const path = join(root, "model.tar.gz");
  await pipeline(pack, createGzip(), createWriteStream(path));
  return path;
}

beforeAll(async () => {
  model = (await trainModels(["sklearn"])).sklearn!;
}, 900_000 * factor);

afterAll(async () => {
  await cleanUpProject(dir); // containers only: the image stays as the next run's cache
});

describe("stagemaker new --from a script-mode model.tar.gz", () => {
  it(
    "serves code/inference.py with the scikit-learn container's answers for JSON and CSV",
    async () => {
      const created = await cli(["--json", "new", dir, "--name", "smk-test-scriptmode-sklearn", "--from", await scriptModeTarGz(model)]);
      expect(created.code, created.stderr + created.stdout).toBe(0);
      const handler = JSON.parse(created.stdout).value.handler;
      expect(handler).toMatchObject({
        script: "code/inference.py",
        functions: ["model_fn", "input_fn"],
        defaults: "sklearn",
        model: { kind: "sklearn" },
      });
      expect(handler.requirements).toContain("pandas==2.2.3");

      const built = await cli(["build", dir]);
      expect(built.code, built.stderr).toBe(0);
      const run = await cli(["run", dir]);
      expect(run.code, run.stderr + run.stdout).toBe(0);

      const labels = model.predictions.map(String);
      // JSON: json.dumps(model.predict(df).tolist()), Python's separators, Content-Type = Accept.
      const json = await cli(["--json", "invoke", dir, "--content-type", "application/json", "--data", JSON.stringify(model.rows)]);
      expect(json.code, json.stderr + json.stdout).toBe(0);
      const j = JSON.parse(json.stdout).value;
      expect(j.body).toBe(`[${labels.map((l) => JSON.stringify(l)).join(", ")}]`);
      expect(j.headers["content-type"]).toBe("application/json");

      // CSV: csv.writer, one label per line; werkzeug adds the charset.
      const body = model.rows.map((r) => r.join(",")).join("\n") + "\n";
      const csv = await cli(["--json", "invoke", dir, "--content-type", "text/csv", "--accept", "text/csv", "--data", body]);
      expect(csv.code, csv.stderr + csv.stdout).toBe(0);
      const c = JSON.parse(csv.stdout).value;
      expect(c.body).toBe(labels.map((l) => `${l}\n`).join(""));
      expect(c.headers["content-type"]).toBe("text/csv; charset=utf-8");

      // A type the script refuses: the container's 500 page, with our error headers beside it.
      const bad = await cli(["--json", "invoke", dir, "--content-type", "text/plain", "--data", "x"]);
      const b = JSON.parse(bad.stdout).value;
      expect(b.status).toBe(500);
      expect(b.body).toContain("<h1>Internal Server Error</h1>");
      await cli(["stop", dir]);
    },
    1_800_000 * factor,
  );
});
