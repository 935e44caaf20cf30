// A Keras image classifier (one tensor input, 8x8x1) in the Invoke tab: a .npy of several images loaded
// into the form's tensor field and sent as application/x-npy answers what Keras's own predict() gave in
// the trainer; the same array loaded as the raw NPY body, and an NPY answer decoded as an array.
import { join } from "node:path";
import Docker from "dockerode";
import type { Project } from "../app/contract";
import { createServices } from "../app/core/services";
import { servicesOptions } from "../app/faces-common/services-options";
import { float32Npy } from "../app/core/model/testing/npy";
import { type DeepEntry, trainDeepLearning } from "../app/core/model/testing/deep-learning-models";
import { cleanUpProject } from "../app/core/testing/throwaway-template";
import { expect, test } from "./fixtures";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const signal = new AbortController().signal;
const made: Project[] = [];

test.afterAll(async () => {
  for (const p of made) {
    await cleanUpProject(p.dir, p.manifest.imageTag);
    // The image the Model tab read the model in (framework-image.ts names it after the project's tag).
    const intake = `stagemaker-intake/${p.manifest.imageTag.replace(/^.*\//, "").replace(/:.*$/, "")}:latest`;
    await new Docker()
      .getImage(intake)
      .remove({ force: true })
      .catch(() => undefined);
  }
});

/** new --from model.keras, as the model card does it: import, plan in a container, write, build, run. */
async function kerasProject(workspaceDir: string, entry: DeepEntry): Promise<Project> {
  const services = createServices(servicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".tensors-state") }));
  try {
    const p = await services["projects.create"]({ name: `tensors-e2e-keras-image-${process.pid}` }, { signal });
    made.push(p);
    await services["artifacts.importPaths"]({ project: p.dir, paths: [join(entry.dir, entry.artifact)] }, () => undefined, { signal });
    const plan = await services["model.plan"]({ project: p.dir, artifact: entry.artifact }, () => undefined, { signal });
    await services["model.apply"](
      { project: p.dir, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite: [] },
      { signal },
    );
    await services["build.run"]({ project: p.dir }, () => undefined, { signal });
    const run = await services["run.start"]({ project: p.dir }, () => undefined, { signal });
    expect(run.state).toBe("healthy");
    return await services["projects.open"]({ project: p.dir }, { signal });
  } finally {
    await services.close({ keepServers: true });
  }
}

type Predictions = { predictions: { label: number; probabilities: number[] }[] };

function expectKerasAnswers(got: Predictions, entry: DeepEntry) {
  expect(got.predictions.map((p) => p.label)).toEqual(entry.labels);
  const want = (entry.outputs as number[][]).flat();
  const probs = got.predictions.flatMap((p) => p.probabilities);
  expect(probs).toHaveLength(want.length);
  probs.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 5));
}

test("a .npy of images goes to a Keras tensor input as application/x-npy and answers like Keras's predict()", async ({ page, host }) => {
  test.setTimeout(30 * 60_000 * factor);
  const entry = (await trainDeepLearning("keras")).entries["keras-image"]!;
  const project = await kerasProject(host.workspaceDir, entry);
  const npy = { name: "images.npy", mimeType: "application/x-npy", buffer: float32Npy(entry.rows) };

  await page.goto(`${host.url}#/project/${encodeURIComponent(project.dir)}`);
  await page.getByRole("tab", { name: "Invoke" }).click();
  const panel = page.locator(".invoke-panel");
  // The Instance's lone field is a tensor: JSON text or a .npy file, not one input per pixel.
  const field = page.getByTestId("tensor-field-pixels");
  await expect(field).toBeVisible({ timeout: 3 * 60_000 * factor });
  await expect(field.getByTestId("tensor-shape")).toContainText("3 dimensions per instance");
  await field.getByLabel("Load pixels from a .npy file").setInputFiles(npy);
  await expect(page.getByRole("button", { name: `Table (${entry.rows.length})` })).toBeVisible();
  await expect(field.getByTestId("tensor-shape")).toContainText("shape (8, 8, 1)");
  await page.screenshot({ path: "test-results/tensors-form.png", fullPage: true });

  await panel.getByLabel("Content type").selectOption("application/x-npy");
  await panel.getByLabel("Accept").selectOption("application/json");
  await page.getByRole("button", { name: "NPY", exact: true }).click();
  await expect(page.getByTestId("npy-summary")).toContainText(
    `float32 (${entry.rows.length}, 8, 8, 1) · ${float32Npy(entry.rows).length.toLocaleString("en-US")}`,
  );
  await page.screenshot({ path: "test-results/tensors-npy-request.png", fullPage: true });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("response-status")).toContainText("200");
  expectKerasAnswers(JSON.parse((await page.getByTestId("response-body").textContent()) ?? "") as Predictions, entry);

  // The raw NPY body loaded from the file itself, and an NPY answer shown as an array.
  await page.getByLabel("Load the body from a .npy file").setInputFiles(npy);
  await panel.getByLabel("Accept").selectOption("application/x-npy");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("response-binary")).toContainText(`NPY float`);
  await expect(page.getByTestId("response-binary")).toContainText(
    `(${entry.rows.length}, ${1 + (entry.outputs as number[][])[0]!.length})`,
  );
  const rows = JSON.parse((await page.getByTestId("response-body").textContent()) ?? "") as number[][];
  expect(rows.map((r) => r[0])).toEqual(entry.labels);
  rows.flatMap((r) => r.slice(1)).forEach((x, i) => expect(x).toBeCloseTo((entry.outputs as number[][]).flat()[i]!, 5));
  await page.screenshot({ path: "test-results/tensors-npy-answer.png", fullPage: true });
});
