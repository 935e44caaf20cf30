// The model's schemas drive the tester: form and table from the Instance, answers checked against Prediction, the field-table editor, saved examples that catch a change.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";
import { replaceInEditor } from "./monaco-edit";
import { buildAndRun, createTemplateProject } from "./template-project";

const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

const name = `e2e-schemas-${Date.now().toString(36)}`;
let projectDir = "";

test.afterAll(() => removeProjectFromEngine(projectDir));

/** Replaces the first occurrence of `findText` in a project file opened in the Code tab, then saves (dev mode reloads the server). */
async function replaceInFile(page: Page, path: string, findText: string, replacement: string) {
  await page.getByRole("tab", { name: "Code" }).click();
  await page.getByTestId("file-tree").locator(`[role="treeitem"][data-path="${path}"]`).click();
  expect(readFileSync(join(projectDir, path), "utf8")).toContain(findText);
  await replaceInEditor(page, findText, replacement);
  expect(readFileSync(join(projectDir, path), "utf8")).toContain(replacement);
  await page.getByRole("tab", { name: "Run" }).click();
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: 2 * 60_000 });
}

test("form, CSV table, Prediction check, saved example that fails after a change, and the field-table editor", async ({ page, host }) => {
  test.setTimeout(15 * 60_000);
  projectDir = await createTemplateProject(page, host, name);
  await buildAndRun(page);

  // A predictor that returns the wrong type for one input (construct() skips pydantic's check).
  await replaceInFile(
    page,
    "model/predictor.py",
    'Prediction(output_field=f"',
    'Prediction.construct(output_field=instance.field2) if instance.field1 == "bad" else Prediction(output_field=f"',
  );

  // The form comes from the Instance schema as Python reports it.
  await page.getByRole("tab", { name: "Invoke" }).click();
  const form = page.getByTestId("instance-form");
  await expect(form.getByLabel(/Field1/)).toBeVisible();
  await form.getByLabel(/Field1/).fill("asdf");
  await form.getByLabel(/Field2/).fill("1.5");

  // Three rows in the table, sent as CSV.
  await page.getByRole("button", { name: /^Table/ }).click();
  await page.getByRole("button", { name: "Duplicate row 1" }).click();
  await page.getByRole("button", { name: "Duplicate row 2" }).click();
  await page.getByLabel("row 3 field1").fill("bad");
  await page.getByLabel("Content type").selectOption("text/csv");
  await page.getByRole("button", { name: "CSV", exact: true }).click();
  await expect(page.getByTestId("request-body").locator(".view-lines")).toContainText("bad,1.5");
  // The dev reload that serves the changed predictor follows the save (after its Python check):
  // until it lands the old one answers, so send again until the changed one does.
  await expect(async () => {
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByTestId("response-body")).toContainText('"output_field": 1.5', { timeout: 5_000 });
  }).toPass({ timeout: 3 * 60_000 });
  await expect(page.getByTestId("response-status")).toContainText("200");
  await expect(page.getByTestId("prediction-check")).toHaveText("1 of 3 predictions break the Prediction schema");
  await expect(page.getByTestId("prediction-table").locator("tr.row-invalid")).toHaveCount(1);
  await expect(page.getByTestId("prediction-table")).toContainText("must be string");
  // Pretty keeps the numbers as the server wrote them.
  await expect(page.getByTestId("response-body")).toContainText('"output_field": 1.5');
  await expect(page.getByTestId("response-body")).toContainText('"output_field": "asdf:3.0"');

  // The answer becomes an example; a changed predictor makes it fail, with the diff.
  const history = page.getByTestId("invocation-history");
  await history
    .getByRole("button", { name: /^Save as example/ })
    .first()
    .click();
  await page.getByLabel("Example name").fill("three rows");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByLabel("Example name")).toHaveCount(0);
  await expect(page.getByTestId("example-saved")).toContainText("examples/three-rows.json");
  expect(JSON.parse(readFileSync(join(projectDir, "examples/three-rows.json"), "utf8")).request.bodyText).toBe(
    "asdf,1.5\nasdf,1.5\nbad,1.5\n",
  );
  await page.getByRole("tab", { name: "Examples" }).click();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("examples-summary")).toHaveText("1 passed, 0 failed");

  await replaceInFile(page, "model/predictor.py", "self.factor = 2.0", "self.factor = 3.0");
  await page.getByRole("tab", { name: "Examples" }).click();
  // The dev reload that serves the change follows the save (after its Python check): until it has
  // landed the old predictor answers, so Run all again until the changed one does.
  await expect(async () => {
    await page.getByRole("button", { name: "Run all" }).click();
    await expect(page.getByTestId("examples-summary")).toHaveText("0 passed, 1 failed", { timeout: 5_000 });
  }).toPass({ timeout: 3 * 60_000 });
  const diff = page.getByTestId("example-diff");
  await expect(diff).toContainText("predictions.0.output_field");
  await expect(diff).toContainText('"asdf:3.0"');
  await expect(diff).toContainText('"asdf:4.5"');
  await expect(page.getByRole("tab", { name: /Examples/ })).toContainText("✕1");
  await expectAccessible(page, "Examples (failed)");
  // The change was meant: the answer it got becomes the expected one, and the replay passes.
  await page.getByRole("button", { name: "Accept this answer as the new expected" }).click();
  await expect(page.getByTestId("examples-summary")).toHaveText("1 passed, 0 failed");
  expect(readFileSync(join(projectDir, "examples/three-rows.json"), "utf8")).toContain('"asdf:4.5"');

  // The field table: an enum, a list of a nested model, a bound; written as pydantic, read back through Python.
  await page.getByRole("tab", { name: "Schemas" }).click();
  const fields = page.getByTestId("fields-Instance");
  await expect(fields.getByLabel("field 2 name")).toHaveValue("field2");
  await fields.getByLabel("field2 le").fill("100");
  await page.getByRole("button", { name: "Add nested model" }).click();
  await page.getByLabel("nested model 1 name").fill("Part");
  await page.getByRole("button", { name: "Add field to Instance" }).click();
  await fields.getByLabel("field 3 name").fill("color");
  await fields.getByLabel("color type").selectOption("enum");
  await fields.getByLabel("color choices").fill("red, green");
  await page.getByRole("button", { name: "Add field to Instance" }).click();
  await fields.getByLabel("field 4 name").fill("parts");
  await fields.getByLabel("parts type").selectOption("model");
  await fields.getByLabel("parts model").selectOption("Part");
  await fields.getByLabel("parts list").check();
  await fields.getByLabel("parts required").uncheck();
  await page.getByRole("button", { name: "Write model/instance.py" }).click();
  await expect(page.getByText("unsaved")).toHaveCount(0);
  const code = readFileSync(join(projectDir, "model/instance.py"), "utf8");
  expect(code).toContain('color: Literal["red", "green"]');
  expect(code).toContain("parts: Optional[List[Part]] = None");
  expect(code).toContain("class Part(BaseModel):");

  await page.getByRole("tab", { name: "Invoke" }).click();
  await page.getByLabel("Content type").selectOption("application/json");
  await page.getByRole("button", { name: "Form" }).click();
  await expect(form.getByLabel(/Color/)).toBeVisible();
  expect(await form.getByLabel(/Color/).evaluate((el) => el.tagName)).toBe("SELECT");
  await expect(form.getByText("Parts")).toBeVisible();
  await form.getByLabel(/Field2/).fill("500");
  await expect(page.getByTestId("instance-problems")).toContainText("must be <= 100");

  // Code the table cannot represent makes it read-only instead of overwriting it.
  await replaceInFile(page, "model/prediction.py", "output_field: str", "output_field: str = str()");
  await page.getByRole("tab", { name: "Schemas" }).click();
  await page.getByRole("button", { name: "Prediction", exact: true }).click();
  await expect(page.getByTestId("schema-read-only")).toContainText("output_field has a computed default");
  await expect(page.getByRole("button", { name: "Write model/prediction.py" })).toBeDisabled();
  await page.screenshot({ path: "test-results/schemas-read-only.png" });
});
