// SageMaker script mode in the app: a model.tar.gz with code/inference.py dropped on the workspace is
// served as written; predict_fn edited in Monaco reaches the server through the dev reload; the
// raw-body Invoke tab (no schema) answers, and its answer becomes an example that catches the edit. Then
// two handler projects (a scaler whose output_fn answers text/csv, a linear scorer whose input_fn reads
// it) run as a serial pipeline from the Pipeline tab.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import type { Project } from "../app/contract";
import { servicesOptions } from "../app/faces-common/services-options";
import { createServices } from "../app/core/services";
import { createHandlerProject, CSV_SCALER } from "../app/core/testing/handler-projects";
import { cleanUpProject } from "../app/core/testing/throwaway-template";
import { ROW_SUMS_PY, writeRowSumsModel } from "../app/core/testing/script-mode-model";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";
import { replaceInEditor } from "./monaco-edit";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

// A stable name: the image (numpy only) stays cached run after run.
const name = "e2e-scriptmode";
let projectDir = "";

const pipelineProjects: Project[] = [];
let pipelineDir = "";

test.afterAll(async () => {
  await removeProjectFromEngine(projectDir, { keepImage: true });
  const docker = new Docker();
  if (pipelineDir)
    for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.pipeline=${pipelineDir}`] } }))
      await docker.getContainer(c.Id).remove({ force: true });
  for (const p of pipelineProjects) await cleanUpProject(p.dir, p.manifest.imageTag);
});

/** The row-sums model.tar.gz (a handler script, code/inference.py), written in `dir`; its bytes. */
async function modelTarGz(dir: string): Promise<Buffer> {
  const path = join(dir, "scriptmode-model.tar.gz");
  await writeRowSumsModel(path);
  return readFileSync(path);
}

test("a script-mode model.tar.gz is served as written, edited in Monaco, reloaded, and kept as an example", async ({ page, host }) => {
  test.setTimeout(20 * 60_000 * factor);
  await page.goto(host.url);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  projectDir = join(host.workspaceDir, name);
  await expect(page.getByRole("tab", { name: "Code" })).toBeVisible();

  // A real drop on the workspace.
  const bytes = [...(await modelTarGz(host.workspaceDir))];
  const dataTransfer = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], "model.tar.gz", { type: "application/gzip" }));
    return dt;
  }, bytes);
  await page.locator(".workspace").dispatchEvent("drop", { dataTransfer });

  const card = page.getByTestId("handler-card");
  await expect(card).toBeVisible({ timeout: 2 * 60_000 * factor });
  await expect(page.getByTestId("handler-functions")).toHaveText("model_fn, predict_fn");
  expect(readFileSync(join(projectDir, "artifacts", "code", "inference.py"), "utf8")).toBe(ROW_SUMS_PY);
  const manifest = JSON.parse(readFileSync(join(projectDir, "stagemaker.json"), "utf8"));
  expect(manifest.env).toContainEqual({ name: "SAGEMAKER_PROGRAM", value: "inference.py" });
  await page.screenshot({ path: "test-results/scriptmode-card.png", fullPage: true });

  await page.getByTestId("model-build-run").click();
  const running = page.getByTestId("model-running");
  await expect(running).toBeVisible({ timeout: 15 * 60_000 * factor });
  const port = /127\.0\.0\.1:(\d+)/.exec((await running.textContent()) ?? "")![1];
  const invoke = () =>
    page.request.post(`http://127.0.0.1:${port}/invocations`, {
      data: "[[1, 2], [3, 4]]",
      headers: { "Content-Type": "application/json" },
    });
  // The Inference Toolkit's answer, byte for byte: json.dumps of the numpy result.
  expect(await (await invoke()).text()).toBe("[6.0, 14.0]");

  // The Invoke tab without a schema: a raw JSON body.
  await page.getByRole("tab", { name: "Invoke" }).click();
  await expect(page.getByTestId("handler-body-note")).toContainText("inference.py");
  const body = page.getByTestId("request-body").locator(".monaco-editor .view-lines");
  await expect(body).toContainText(/\w/);
  await body.click();
  await expect(page.getByTestId("request-body").locator(".monaco-editor.focused")).toBeVisible();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("[[1, 2], [3, 4]]");
  await expect(body).toHaveText("[[1, 2], [3, 4]]");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("response-status")).toContainText("200");
  await expect(page.getByTestId("response-body")).toContainText("14.0");
  const history = page.getByTestId("invocation-history");
  await history
    .getByRole("button", { name: /^Save as example/ })
    .first()
    .click();
  await page.getByLabel("Example name").fill("row sums");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByLabel("Example name")).toHaveCount(0);
  expect(JSON.parse(readFileSync(join(projectDir, "examples/row-sums.json"), "utf8")).expected.body).toEqual([6.0, 14.0]);
  await page.getByRole("tab", { name: "Examples" }).click();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("examples-summary")).toHaveText("1 passed, 0 failed");

  // predict_fn edited in Monaco: the handler script is in the file tree, under artifacts/code/.
  await page.getByRole("tab", { name: "Code" }).click();
  const tree = page.getByTestId("file-tree");
  await tree.locator('[role="treeitem"][data-path="artifacts"]').click(); // folded at start, like server/
  await tree.locator('[role="treeitem"][data-path="artifacts/code/inference.py"]').click();
  await replaceInEditor(page, "sum(axis=1) * model", "sum(axis=1) * model * 10");
  expect(readFileSync(join(projectDir, "artifacts/code/inference.py"), "utf8")).toContain("* model * 10");
  // The dev reload follows the save: until it lands the old script answers.
  await expect(async () => expect(await (await invoke()).text()).toBe("[60.0, 140.0]")).toPass({ timeout: 3 * 60_000 * factor });
  await page.getByRole("tab", { name: "Examples" }).click();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("examples-summary")).toHaveText("0 passed, 1 failed");
  await expect(page.getByTestId("example-diff")).toContainText("60");
  await page.screenshot({ path: "test-results/scriptmode-example-diff.png", fullPage: true });
});

// The serial-pipeline seed's shape: features.py (a scaler, CSV_SCALER) → model.py (a model), each a handler script.
const SCORER_PY = `import io
import json
import os

import numpy as np


def model_fn(model_dir):
    with open(os.path.join(model_dir, "linear.json")) as f:
        return json.load(f)


def input_fn(body, content_type):
    if content_type != "text/csv":
        raise ValueError("expected text/csv from the scaler, got %s" % content_type)
    text = body.decode() if isinstance(body, bytes) else body
    return np.atleast_2d(np.loadtxt(io.StringIO(text), delimiter=","))


def predict_fn(data, model):
    return data @ np.array(model["weights"]) + model["bias"]


def output_fn(prediction, accept):
    return json.dumps({"scores": [float(v) for v in prediction]}), "application/json"
`;

test("two handler projects run as a serial pipeline from the Pipeline tab, the scaler's CSV feeding the scorer", async ({ page, host }) => {
  test.setTimeout(20 * 60_000 * factor);
  const scaler = { mean: [5.8, 3.1, 3.7], std: [0.8, 0.4, 1.7] };
  const linear = { weights: [0.7, -1.3, 2.1], bias: 0.25 };
  const services = createServices(
    servicesOptions({ workspaceDir: host.workspaceDir, stateDir: join(host.workspaceDir, ".pipeline-state") }),
  );
  const signal = new AbortController().signal;
  try {
    // One after the other: two builds at once would fight over both cores.
    const first = await createHandlerProject(
      services,
      `tensors-e2e-features-${process.pid}`,
      CSV_SCALER,
      { "scaler.json": JSON.stringify(scaler) },
      signal,
      pipelineProjects,
    );
    const second = await createHandlerProject(
      services,
      `tensors-e2e-model-${process.pid}`,
      SCORER_PY,
      { "linear.json": JSON.stringify(linear) },
      signal,
      pipelineProjects,
    );
    pipelineDir = join(host.workspaceDir, "handler-pipeline");

    await page.goto(`${host.url}#/project/${encodeURIComponent(second.dir)}`);
    await page.getByRole("tab", { name: "Pipeline" }).click();
    await page.getByLabel("Pipeline folder").fill(pipelineDir);
    await page.getByText("Create a pipeline in that folder").click();
    await page.getByLabel("Project folders, first step first (one per line)").fill(`${first.dir}\n${second.dir}`);
    await page.getByRole("button", { name: "Create pipeline" }).click();
    const chain = page.getByTestId("pipeline-chain");
    await expect(chain.getByTestId("pipeline-step")).toHaveCount(2);
    await page.getByRole("button", { name: "Run pipeline" }).click();
    await expect(chain.getByTestId("pipeline-step").first()).toContainText("healthy", { timeout: 3 * 60_000 * factor });
    await expect(chain.getByTestId("pipeline-step").last()).toContainText("healthy", { timeout: 3 * 60_000 * factor });

    const rows = [
      [5.1, 3.5, 1.4],
      [6.7, 3.0, 5.2],
      [5.9, 2.8, 4.1],
    ];
    await page.getByTestId("pipeline-body").fill(rows.map((r) => r.join(",")).join("\n") + "\n");
    await page.getByRole("button", { name: "Send through the pipeline" }).click();
    const hops = page.getByTestId("pipeline-hops");
    await expect(hops).toContainText("HTTP 200 after 2 hops");
    // SageMaker passes the first answer's Content-Type on as the next request's.
    await expect(hops.getByRole("listitem").first()).toContainText("response · HTTP 200 · text/csv");
    await expect(hops.getByRole("listitem").last()).toContainText("request · text/csv");
    const answer = JSON.parse((await page.getByTestId("pipeline-answer").textContent()) ?? "") as { scores: number[] };
    const expected = rows.map((r) => r.reduce((s, v, c) => s + ((v - scaler.mean[c]!) / scaler.std[c]!) * linear.weights[c]!, linear.bias));
    expect(answer.scores).toHaveLength(expected.length);
    answer.scores.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
    await page.screenshot({ path: "test-results/scriptmode-pipeline.png", fullPage: true });
    await page.getByRole("button", { name: "Stop pipeline" }).click();
    await expect(chain.getByTestId("pipeline-step").last()).toContainText("stopped", { timeout: 60_000 * factor });
  } finally {
    await services.close();
  }
});
