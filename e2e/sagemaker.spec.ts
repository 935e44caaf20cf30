// The SageMaker features in the browser face: the Transform tab with its progress bar (and Cancel), and
// the Pipeline tab (a chain of two projects, run, invoked hop by hop). Projects are made and built by the
// core beforehand; the scikit-learn steps are fitted inside their images.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import type { Project } from "../app/contract";
import { createServices } from "../app/core/services";
import { servicesOptions } from "../app/faces-common/services-options";
import { createSklearnProjects } from "../app/core/testing/sklearn-projects";
import { cleanUpProject } from "../app/core/testing/throwaway-template";
import { expect, test } from "./fixtures";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const signal = new AbortController().signal;
const made: Project[] = [];
const pipelineDirs: string[] = [];

test.afterAll(async () => {
  const docker = new Docker();
  for (const dir of pipelineDirs)
    for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.pipeline=${dir}`] } }))
      await docker.getContainer(c.Id).remove({ force: true });
  for (const p of made) {
    for (const c of await docker.listContainers({ all: true, filters: { label: [`com.stagemaker.transform=${p.dir}`] } }))
      await docker.getContainer(c.Id).remove({ force: true });
    await cleanUpProject(p.dir, p.manifest.imageTag);
  }
});

const core = (workspaceDir: string) =>
  createServices(servicesOptions({ workspaceDir, stateDir: join(tmpdir(), `smk-e2e-sm-state-${process.pid}`) }));

test("the Transform tab shows progress, writes the .out, and Cancel leaves none", async ({ page, host }) => {
  const services = core(host.workspaceDir);
  const project = await services["projects.create"]({ name: `smk-e2e-transform-${process.pid}` }, { signal });
  made.push(project);
  await services["build.run"]({ project: project.dir }, () => undefined, { signal });
  await services.close();
  const data = join(host.workspaceDir, "batch");
  mkdirSync(data, { recursive: true });
  const n = 1000;
  writeFileSync(join(data, "rows.csv"), Array.from({ length: n }, (_, i) => `r${i},${i}`).join("\n") + "\n");

  await page.goto(`${host.url}#/project/${encodeURIComponent(project.dir)}`);
  await page.getByRole("tab", { name: "Transform" }).click();
  // Every progress text, seen by the page itself, so a fast run cannot slip between polls.
  await page.evaluate(() => {
    (window as unknown as { seen: string[] }).seen = [];
    new MutationObserver(() => {
      const t = document.querySelector("[data-testid=transform-progress]")?.textContent;
      if (t) (window as unknown as { seen: string[] }).seen.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel("Input (file or folder)").fill(join(data, "rows.csv"));
  await page.getByLabel("Output folder").fill(join(data, "out"));
  await page.getByLabel("BatchStrategy").selectOption("SingleRecord");
  await page.getByLabel("MaxConcurrentTransforms").fill("2");
  await page.getByRole("button", { name: "Start transform" }).click();
  await expect(page.getByTestId("transform-result")).toContainText("Completed", { timeout: 180_000 });
  await expect(page.getByTestId("transform-result")).toContainText(
    `${n.toLocaleString("en-US")} records in ${n.toLocaleString("en-US")} requests`,
  );
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen.some((t) => /\d+% · [\d,]+ records · .* records\/s · ETA/.test(t))).toBe(true);
  expect(await page.getByRole("progressbar", { name: "Transform progress" }).getAttribute("value")).toBe("100");
  const out = readFileSync(join(data, "out", "rows.csv.out"), "utf8")
    .trim()
    .split("\n");
  expect(out).toHaveLength(n);
  expect(out[2]).toBe("r2:4.0");
  await page.screenshot({ path: "test-results/transform-panel.png", fullPage: true });

  // Again into another folder, cancelled while it runs: nothing that looks complete is left.
  writeFileSync(join(data, "long.csv"), Array.from({ length: 200_000 }, (_, i) => `r${i},${i}`).join("\n") + "\n");
  await page.getByLabel("Input (file or folder)").fill(join(data, "long.csv"));
  await page.getByLabel("Output folder").fill(join(data, "cancelled"));
  await page.getByRole("button", { name: "Start transform" }).click();
  await expect(page.getByTestId("transform-progress")).toContainText("records/s", { timeout: 120_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Cancelled: no .out was written")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start transform" })).toBeEnabled();
  expect(readdirSync(join(data, "cancelled"))).toEqual([]);
});

test("the Pipeline tab shows the chain, runs it, shows every hop and batch-transforms with JoinSource=Input", async ({ page, host }) => {
  const services = core(host.workspaceDir);
  const { scaler, classifier } = await createSklearnProjects(services, `smk-e2e-pipe-${process.pid}`, signal);
  made.push(scaler, classifier);
  await services.close();
  const pipelineDir = join(host.workspaceDir, "iris-pipeline");
  pipelineDirs.push(pipelineDir);

  await page.goto(`${host.url}#/project/${encodeURIComponent(classifier.dir)}`);
  await page.getByRole("tab", { name: "Pipeline" }).click();
  await page.getByLabel("Pipeline folder").fill(pipelineDir);
  await page.getByText("Create a pipeline in that folder").click();
  await page.getByLabel("Project folders, first step first (one per line)").fill(`${scaler.dir}\n${classifier.dir}`);
  await page.getByRole("button", { name: "Create pipeline" }).click();
  const chain = page.getByTestId("pipeline-chain");
  await expect(chain.getByTestId("pipeline-step")).toHaveCount(2);
  await expect(chain.getByTestId("pipeline-step").first()).toContainText(`1. ${scaler.manifest.name}`);
  await expect(chain.getByTestId("pipeline-step").last()).toContainText("SAGEMAKER_BIND_TO_PORT=8081 · stopped");

  await page.getByRole("button", { name: "Run pipeline" }).click();
  await expect(chain.getByTestId("pipeline-step").last()).toContainText("healthy", { timeout: 180_000 });
  await page.getByTestId("pipeline-body").fill("5.0,3.0,6.0,2.0\n");
  await page.getByRole("button", { name: "Send through the pipeline" }).click();
  const hops = page.getByTestId("pipeline-hops");
  await expect(hops).toContainText("HTTP 200 after 2 hops");
  await expect(hops.getByRole("listitem")).toHaveCount(2);
  await expect(hops.getByRole("listitem").first()).toContainText("response · HTTP 200 · text/csv");
  await expect(page.getByTestId("pipeline-answer")).toHaveText('{"predictions":[{"label":1}]}');
  await page.screenshot({ path: "test-results/pipeline-panel.png", fullPage: true });

  // Batch transform through the running pipeline, each answer joined to its input row.
  const csv = join(host.workspaceDir, "iris.csv");
  writeFileSync(csv, "5.0,3.0,6.0,2.0\n5.0,3.0,1.0,0.2\n");
  const transform = page.locator(".pipeline-transform");
  await transform.getByText("Batch transform through this pipeline").click();
  await transform.getByLabel("Input (file or folder)").fill(csv);
  await transform.getByLabel("Output folder").fill(join(host.workspaceDir, "iris-out"));
  await transform.getByLabel("JoinSource").selectOption("Input");
  await transform.getByRole("button", { name: "Start transform" }).click();
  await expect(transform.getByTestId("transform-result")).toContainText("Completed", { timeout: 120_000 });
  await expect(transform.getByTestId("transform-progress")).toContainText("pipeline");
  expect(readFileSync(join(host.workspaceDir, "iris-out", "iris.csv.out"), "utf8")).toBe("5.0,3.0,6.0,2.0,1\n5.0,3.0,1.0,0.2,0\n");

  await page.getByTestId("pipeline-body").fill("1,2\n");
  await page.getByRole("button", { name: "Send through the pipeline" }).click();
  await expect(hops).toContainText(`Failed: step 1 (${scaler.manifest.name}) answered HTTP`);
  await page.getByRole("button", { name: "Stop pipeline" }).click();
  await expect(chain.getByTestId("pipeline-step").first()).toContainText("stopped", { timeout: 60_000 });
});
