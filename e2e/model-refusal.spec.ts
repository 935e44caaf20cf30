// A model Stagemaker cannot serve is refused with the reason and what to do; it is never served by the
// template's example predictor. In the browser face: the Model tab refuses the file, the Build, Run and Invoke
// tabs say so before any click and nothing is built; a predictor the person writes then builds and answers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ownClassPickle } from "../app/core/model/testing/own-class-pickle";
import { scaled } from "../scripts/test-env/time-factor";
import { removeProjectFromEngine, run } from "./engine-cleanup";
import { expect, test } from "./fixtures";
import { replaceAndSave } from "./monaco-edit";

const name = `e2e-guard-${Date.now().toString(36)}`;
let projectDir = "";
test.afterAll(() => removeProjectFromEngine(projectDir));

const imageTag = () => (JSON.parse(readFileSync(join(projectDir, "stagemaker.json"), "utf8")) as { imageTag: string }).imageTag;
const imageExists = () =>
  run("docker", ["image", "inspect", imageTag()]).then(
    () => true,
    () => false,
  );

test("a refused model is shown as refused on the Build and Run tabs, nothing is built, and the person's own predictor builds and answers", async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(scaled(10 * 60_000));
  const snap = (shot: string) => page.screenshot({ path: testInfo.outputPath(`${shot}.png`), fullPage: true });
  await page.goto(host.url);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  projectDir = join(host.workspaceDir, name);

  // A pickle of the person's own class: no adapter serves it, so the Model tab refuses it.
  const pickle = ownClassPickle();
  await page.getByRole("tab", { name: "Model" }).click();
  await page.getByTestId("model-input").setInputFiles({ name: "model.pkl", mimeType: "application/octet-stream", buffer: pickle });
  await expect(page.getByTestId("model-error")).toContainText("A pickle of something other than a scikit-learn estimator", {
    timeout: scaled(120_000),
  });

  // The Build tab says so before the click, with what to do; Build waits until it is resolved.
  await page.getByRole("tab", { name: "Build" }).click();
  const buildPanel = page.getByRole("tabpanel", { name: "Build" });
  const refusal = buildPanel.getByTestId("model-refusal");
  await expect(refusal).toContainText("artifacts/model.pkl was refused when Stagemaker read it");
  await expect(refusal).toContainText("the template's example predictor");
  await expect(refusal).toContainText("write model/predictor.py yourself so that it loads artifacts/model.pkl");
  await expect(buildPanel.getByRole("button", { name: "Build", exact: true })).toBeDisabled();
  await snap("build-tab-refused");

  // The Run tab too; a click on Run is refused by the core (no image, nothing started).
  await page.getByRole("tab", { name: "Run" }).click();
  const runPanel = page.getByRole("tabpanel", { name: "Run" });
  await expect(runPanel.getByTestId("model-refusal")).toContainText("artifacts/model.pkl was refused");
  await runPanel.getByRole("button", { name: "Run", exact: true }).click();
  await expect(runPanel.getByRole("alert").filter({ hasText: "Stagemaker will not run this project." })).toBeVisible();
  await snap("run-tab-refused");
  expect(await imageExists()).toBe(false);
  // The Invoke tab says it before a request is sent (a server started earlier would answer with the example).
  await page.getByRole("tab", { name: "Invoke" }).click();
  await expect(page.getByRole("tabpanel", { name: "Invoke" }).getByTestId("model-refusal")).toContainText(
    "artifacts/model.pkl was refused",
  );

  // The person writes a predictor of their own, which reads the model file: the refusal is gone.
  await page.getByRole("tab", { name: "Code" }).click();
  await page.getByTestId("file-tree").locator('[role="treeitem"][data-path="model/predictor.py"]').click();
  await replaceAndSave(
    page,
    projectDir,
    "self.factor = 2.0",
    'self.factor = float(len(open(config.artifacts_dir + "/model.pkl", "rb").read()))',
  );
  await page.getByRole("tab", { name: "Build" }).click();
  await expect(refusal).toBeHidden();
  await buildPanel.getByRole("button", { name: "Build", exact: true }).click();
  await expect(buildPanel.getByTestId("build-result")).toBeVisible({ timeout: scaled(5 * 60_000) });
  expect(await imageExists()).toBe(true);
  await snap("own-predictor-built");

  await page.getByRole("tab", { name: "Run" }).click();
  await runPanel.getByRole("button", { name: "Run", exact: true }).click();
  await expect(runPanel.getByTestId("run-state")).toContainText("healthy", { timeout: scaled(2 * 60_000) });
  const port = /127\.0\.0\.1:(\d+)/.exec((await runPanel.getByTestId("host-port").textContent()) ?? "")![1];
  const answer = await page.request.post(`http://127.0.0.1:${port}/invocations`, {
    data: { instances: [{ field1: "a", field2: 2 }] },
    headers: { "Content-Type": "application/json" },
  });
  expect(answer.status()).toBe(200);
  // Their predictor's answer: field2 times the size of the model file it read.
  expect(await answer.json()).toEqual({ predictions: [{ output_field: `a:${2 * pickle.length}.0` }] });
  await runPanel.getByRole("button", { name: "Stop" }).click();
  await expect(runPanel.getByTestId("run-state")).toContainText("stopped");
});
