// A serial pipeline of two handler projects (SageMaker script mode) on the real engine: a scaler whose
// output_fn answers text/csv, then a linear classifier whose input_fn reads what the scaler sent, with
// the content type SageMaker passes between containers (the first answer's becomes the next request's).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { createHandlerProject, CSV_SCALER } from "../testing/handler-projects";
import { cleanUpProject, uniqueName } from "../testing/throwaway-template";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;

const root = mkdtempSync(join(tmpdir(), "smk-handler-pipeline-"));
const services = createServices(testServicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const signal = new AbortController().signal;
const pipelineDir = join(root, "handler-pipeline");
const made: Project[] = [];

// Fitted here: the column means and spreads of seeded rows, and a weight vector on scaled columns.
const rows = Array.from({ length: 40 }, (_, i) => [4 + ((i * 7) % 13) / 4, 2 + ((i * 5) % 11) / 5, 1 + ((i * 3) % 17) / 3]);
const mean = [0, 1, 2].map((c) => rows.reduce((s, r) => s + r[c]!, 0) / rows.length);
const std = [0, 1, 2].map((c) => Math.sqrt(rows.reduce((s, r) => s + (r[c]! - mean[c]!) ** 2, 0) / rows.length));
const weights = [1.5, -0.5, 1.0];

const CLASSIFIER = `import io
import json
import os

import numpy as np


def model_fn(model_dir):
    with open(os.path.join(model_dir, "weights.json")) as f:
        return np.array(json.load(f))


def input_fn(body, content_type):
    if content_type != "text/csv":
        raise ValueError("the scaler sends text/csv, got %s" % content_type)
    return np.atleast_2d(np.loadtxt(io.StringIO(body), delimiter=","))


def predict_fn(data, model):
    return (data @ model > 0).astype(int)
`;

const handlerProject = (name: string, script: string, files: Record<string, string>) =>
  createHandlerProject(services, uniqueName(`hpipe-${name}`), script, files, signal, made);

let scaler: Project;
let classifier: Project;

beforeAll(async () => {
  scaler = await handlerProject("scaler", CSV_SCALER, { "scaler.json": JSON.stringify({ mean, std }) });
  classifier = await handlerProject("classifier", CLASSIFIER, { "weights.json": JSON.stringify(weights) });
}, 1_800_000 * factor);

afterAll(async () => {
  await services["pipeline.stop"]({ pipeline: pipelineDir }, { signal }).catch(() => undefined);
  const docker = new Docker();
  for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.pipeline=${pipelineDir}`] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  for (const p of made) await cleanUpProject(p.dir, p.manifest.imageTag);
  await services.close();
});

describe("a serial pipeline of handler projects", () => {
  it(
    "passes the scaler's text/csv answer to the classifier's input_fn",
    async () => {
      await services["pipeline.create"]({ dir: pipelineDir, projects: [scaler.dir, classifier.dir] }, { signal });
      const run = await services["pipeline.run"]({ pipeline: pipelineDir }, () => undefined, { signal });
      expect(run.steps.map((s) => s.state)).toEqual(["healthy", "healthy"]);

      const some = rows.slice(0, 6);
      const body = some.map((r) => r.join(",")).join("\n") + "\n";
      const r = await services["pipeline.invoke"](
        { pipeline: pipelineDir, body, contentType: "text/csv", accept: "application/json", timeoutMs: 30_000 * factor },
        { signal },
      );
      expect(r.ok, JSON.stringify(r.hops.map((h) => h.response))).toBe(true);
      expect(r.hops[0]!.response.contentType).toBe("text/csv");
      expect(r.hops[1]!.request.contentType).toBe("text/csv");
      expect(r.hops[1]!.request.body).toBe(r.hops[0]!.response.body);
      const labels = some.map((row) => (row.reduce((s, v, c) => s + ((v - mean[c]!) / std[c]!) * weights[c]!, 0) > 0 ? 1 : 0));
      // The Inference Toolkit's default output_fn: json.dumps of the labels.
      expect(r.body).toBe(`[${labels.join(", ")}]`);
    },
    600_000 * factor,
  );
});
