// Models as people bring them, dropped through the UI, answer in the Invoke form exactly as their own
// framework does: a text classifier (TfidfVectorizer → LogisticRegression, one string column, string
// labels) and a LightGBM classifier pickled through scikit-learn's API (LGBMClassifier, joblib).
// Drop on the projects screen → Create project → the model card → Accept → Build and run → the
// Invoke tab's form filled with the model's first row → Send → the label and every class probability
// equal the framework's own predict() and predict_proba(), computed by the trainer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { type TrainedModel, trainModels } from "../app/core/model/testing/trained-models";
import { scaled } from "../scripts/test-env/time-factor";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let models: Record<string, TrainedModel> = {};
const projects: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(scaled(900_000));
  models = await trainModels(["sklearn-text", "framework-estimators"]);
});

test.afterAll(async () => {
  for (const dir of projects) await removeProjectFromEngine(dir);
});

/** Drops the model's file on the projects screen, creates the project and serves it from the model card. */
async function dropAndServe(page: Page, url: string, workspaceDir: string, model: TrainedModel, name: string) {
  await page.goto(url);
  const bytes = [...readFileSync(join(model.dir, model.artifact))];
  const dataTransfer = await page.evaluateHandle(
    ({ b, file }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], file, { type: "application/octet-stream" }));
      return dt;
    },
    { b: bytes, file: model.artifact },
  );
  await page.getByTestId("projects-drop").dispatchEvent("drop", { dataTransfer });
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  projects.push(join(workspaceDir, name));

  await expect(page.getByRole("tab", { name: "Model" })).toHaveAttribute("aria-selected", "true");
  const card = page.getByTestId("model-card");
  await expect(card).toBeVisible({ timeout: scaled(900_000) });
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("button", { name: "Written" })).toBeVisible();
  await page.getByTestId("model-build-run").click();
  await expect(page.getByTestId("model-running")).toBeVisible({ timeout: scaled(900_000) });
  return card;
}

/** Fills the Invoke tab's form with one row (by the model's feature names), sends it and reads the first prediction. */
async function answerInForm(page: Page, row: Record<string, string | number>): Promise<Record<string, unknown>> {
  await page.getByRole("tab", { name: "Invoke" }).click();
  const form = page.getByTestId("instance-form");
  for (const [field, value] of Object.entries(row)) await form.locator(`#root_${field}`).fill(String(value));
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("response-status")).toContainText("200", { timeout: scaled(60_000) });
  const body = JSON.parse((await page.getByTestId("response-body").textContent()) ?? "") as { predictions: Record<string, unknown>[] };
  expect(body.predictions).toHaveLength(1);
  return body.predictions[0]!;
}

/** The framework's own label and every class's probability (float tolerance only: JSON carries the doubles). */
function expectFrameworkAnswer(got: Record<string, unknown>, model: TrainedModel) {
  expect(got.label).toBe(model.predictions[0]);
  const want = model.probabilities![0]!;
  expect(Object.keys(got).filter((k) => k.startsWith("probability_"))).toHaveLength(Object.keys(want).length);
  for (const [cls, p] of Object.entries(want)) expect(got[`probability_${cls}`] as number).toBeCloseTo(p, 9);
}

test("a TfidfVectorizer → LogisticRegression Pipeline answers in the form like predict() and predict_proba()", async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(scaled(1_200_000));
  const model = models["sklearn-text"]!;
  const card = await dropAndServe(page, host.url, host.workspaceDir, model, "e2e-answers-text");
  await expect(card).toContainText("model.joblib: sklearn 1.5.2");
  await expect(page.getByTestId("model-features")).toContainText("text str");

  // A review with commas: typed into the form, sent as JSON, never split as CSV.
  const review = model.rows[0]![0] as string;
  expect(review).toContain(",");
  const got = await answerInForm(page, { text: review });
  expectFrameworkAnswer(got, model);
  await page.screenshot({ path: testInfo.outputPath("text-classifier-answer.png"), fullPage: true });
});

test("an LGBMClassifier pickled with joblib (string labels) answers in the form like LightGBM's predict() and predict_proba()", async ({
  page,
  host,
}, testInfo) => {
  test.setTimeout(scaled(1_200_000));
  const model = models["lightgbm-sklearn"]!;
  const card = await dropAndServe(page, host.url, host.workspaceDir, model, "e2e-answers-lgbm");
  await expect(card).toContainText("lightgbm");
  await expect(page.getByTestId("model-classes")).toHaveText("setosa, versicolor, virginica");

  const row = Object.fromEntries(["w", "x", "y", "z"].map((f, i) => [f, model.rows[0]![i]!]));
  const got = await answerInForm(page, row);
  expectFrameworkAnswer(got, model);
  await page.screenshot({ path: testInfo.outputPath("lightgbm-answer.png"), fullPage: true });
});
