// A model dropped on the workspace becomes a running server that answers like the framework itself:
// drop → card → generated files → Accept → Build and Run → real HTTP to /invocations.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type TrainedModel, trainModels } from "../app/core/model/testing/trained-models";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

// A stable name: the image tag is reused run after run, so its framework layer stays cached.
const name = "e2e-intake-sklearn";
let projectDir = "";
let model: TrainedModel;

test.beforeAll(async () => {
  test.setTimeout(900_000 * factor);
  model = (await trainModels(["sklearn"])).sklearn!;
});

test.afterAll(() => removeProjectFromEngine(projectDir, { keepImage: true }));

test("a scikit-learn Pipeline dropped on the workspace is detected, generated, built, run and answers like predict()", async ({
  page,
  host,
}) => {
  test.setTimeout(900_000 * factor);
  await page.goto(host.url);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  projectDir = join(host.workspaceDir, name);
  await expect(page.getByRole("tab", { name: "Code" })).toBeVisible();

  // A real drop, on the workspace (outside any panel's own drop zone).
  const bytes = [...readFileSync(join(model.dir, model.artifact))];
  const dataTransfer = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], "model.joblib", { type: "application/octet-stream" }));
    return dt;
  }, bytes);
  await page.locator(".workspace").dispatchEvent("drop", { dataTransfer });

  await expect(page.getByRole("tab", { name: "Model" })).toHaveAttribute("aria-selected", "true");
  const card = page.getByTestId("model-card");
  await expect(card).toBeVisible({ timeout: 900_000 * factor });
  await expect(card).toContainText("model.joblib: sklearn 1.5.2");
  await expect(page.getByTestId("model-classes")).toHaveText("no, yes");
  await expect(page.getByTestId("model-features")).toContainText("sepal length (cm) float");
  await expect(page.getByTestId("model-features")).toContainText("colour str {blue, green, red}");
  await expect(page.getByTestId("model-files")).toContainText("model/predictor.py");
  await page.screenshot({ path: "test-results/model-card.png", fullPage: true });

  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("button", { name: "Written" })).toBeVisible();
  expect(readFileSync(join(projectDir, "requirements.txt"), "utf8")).toContain("scikit-learn==1.5.2");

  await page.getByTestId("model-build-run").click();
  const running = page.getByTestId("model-running");
  await expect(running).toBeVisible({ timeout: 900_000 * factor });
  const port = /127\.0\.0\.1:(\d+)/.exec((await running.textContent()) ?? "")![1];

  const body = model.rows.map((r) => r.join(",")).join("\n") + "\n";
  const answer = await page.request.post(`http://127.0.0.1:${port}/invocations`, {
    data: body,
    headers: { "Content-Type": "text/csv", Accept: "text/csv" },
  });
  expect(answer.status()).toBe(200);
  const labels = (await answer.text())
    .trim()
    .split("\n")
    .map((l) => l.split(",")[0]);
  expect(labels).toEqual(model.predictions);
  await page.screenshot({ path: "test-results/model-running.png", fullPage: true });
});
