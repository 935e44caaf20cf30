// Keyboard only, scanned by axe on every screen: create → a SyntaxError saved and shown → fixed → build → run → invoke.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectAccessible, tabTo } from "./axe";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";

const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

const name = `e2e-a11y-${Date.now().toString(36)}`;
let projectDir = "";

const failingName = `e2e-a11y-errors-${Date.now().toString(36)}`;
let failingDir = "";

test.afterAll(async () => {
  await removeProjectFromEngine(projectDir);
  await removeProjectFromEngine(failingDir);
});

/** Moves between the workspace's tabs with the arrow keys, as the tablist offers. */
async function showTab(page: import("@playwright/test").Page, tab: string) {
  await tabTo(page, '[role="tab"][aria-selected="true"]');
  for (
    let i = 0;
    i < 20 && !(await page.evaluate((t) => document.getElementById(`tab-${t}`)?.getAttribute("aria-selected") === "true", tab));
    i++
  ) {
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.locator(`#tab-${tab}`)).toHaveAttribute("aria-selected", "true");
}

test("keyboard only: a SyntaxError is marked on save before any build, fixed, then build → run → invoke; axe finds nothing serious anywhere", async ({
  page,
  host,
}) => {
  test.setTimeout(15 * 60_000);
  await page.goto(host.url);
  await expect(page.getByTestId("engine-status")).toContainText(/Docker engine running/);
  await expectAccessible(page, "projects");

  // Create: the name field has the focus; Enter submits.
  await expect(page.getByLabel("Project name")).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  projectDir = join(host.workspaceDir, name);
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor .view-lines")).toContainText("self.factor = 2.0");
  const tree = page.getByTestId("file-tree");
  // Model first: the files a person edits lead, the template's machinery is folded away.
  const top = await tree.locator('[role="treeitem"][aria-level="1"] .tree-name').allInnerTexts();
  expect(top).toEqual(["model", "requirements.txt", "system-packages.txt", "examples", "Server (managed by Stagemaker)"]);
  await expect(tree.locator('[data-path="server"]')).toHaveCount(0);

  // The first check starts the project's tools container (and on a fresh machine builds its image).
  await expect(page.getByTestId("problems").locator(".problems-count")).toHaveText("(none)", { timeout: 10 * 60_000 });

  // Monaco has the focus on open. A line that does not parse, saved with Ctrl+S.
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("x = 1 +");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
  expect(readFileSync(join(projectDir, "model/predictor.py"), "utf8")).toMatch(/^x = 1 \+\n/);
  const problems = page.getByTestId("problems");
  await expect(problems.getByRole("button", { name: /SyntaxError/ })).toContainText("model/predictor.py:1:");
  await expect(page.getByTestId("save-check")).toContainText("does not parse");
  await expect(editor.locator(".squiggly-error").first()).toBeAttached();
  // Nothing was built or run for this: the marker came from the check alone.
  expect(existsSync(join(projectDir, ".stagemaker/last-build.json"))).toBe(false);
  await page.screenshot({ path: "/work/screens/problems-list.png" });
  await expectAccessible(page, "Code (with problems)");

  // Fix it: delete the line, save; the marker and the problem go.
  await expect(page.locator(".monaco-editor :focus")).toHaveCount(1); // the editor kept the focus
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Control+S");
  await expect(problems.getByRole("button", { name: /SyntaxError/ })).toHaveCount(0);
  await expect(editor.locator(".squiggly-error")).toHaveCount(0);
  await expect(page.getByTestId("save-check")).toHaveText("");

  // The managed group opens from the keyboard; its files stay readable.
  await tabTo(page, '[data-path="(managed)"]');
  await page.keyboard.press("Enter");
  await expect(tree.locator('[data-path="server"]')).toBeVisible();
  await page.screenshot({ path: "/work/screens/model-first-tree.png" });
  await page.keyboard.press("Enter");

  await showTab(page, "Artifacts");
  await expectAccessible(page, "Artifacts");

  await showTab(page, "Build");
  await expectAccessible(page, "Build");
  await tabTo(page, "#panel-Build button.primary");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("build-result")).toContainText(/image size \d/, { timeout: 12 * 60_000 });
  await expectAccessible(page, "Build (done)");

  await showTab(page, "Run");
  await tabTo(page, "#panel-Run button.primary");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: 3 * 60_000 });
  await expectAccessible(page, "Run");

  await showTab(page, "Invoke");
  // The form comes from the Instance schema; typed and sent from the keyboard.
  await tabTo(page, '[data-testid="instance-form"] input');
  await page.keyboard.type("asdf");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1.2");
  await tabTo(page, "#panel-Invoke button", { text: "Send" });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("response-status")).toContainText("200");
  await expect(page.getByTestId("response-body")).toContainText('"output_field": "asdf:2.4"');
  await expectAccessible(page, "Invoke");

  // The tabs other issues added: each scanned as shown (one line each for new screens).
  for (const tab of await page.locator('[role="tab"]').evaluateAll((els) => els.map((e) => e.id.replace(/^tab-/, "")))) {
    if (["Code", "Artifacts", "Build", "Run", "Invoke"].includes(tab)) continue;
    await showTab(page, tab);
    await expectAccessible(page, tab);
  }

  await showTab(page, "Run");
  await tabTo(page, "#panel-Run button:not(.primary)");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("run-state")).not.toContainText("healthy", { timeout: 2 * 60_000 });
});

test("the Settings dialog and the folder browser have no serious axe findings", async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId("engine-status")).toContainText(/Docker engine running/);
  await page.getByRole("button", { name: "Choose folder…" }).click();
  await expect(page.getByTestId("folder-browser")).toBeVisible();
  await expectAccessible(page, "folder browser");
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("dialog", { name: "Settings" })).toBeVisible();
  await expectAccessible(page, "Settings");
});

test("error states have no axe findings: a model file the Model tab cannot read, a failed build, a predictor that fails to load", async ({
  page,
  host,
}) => {
  test.setTimeout(15 * 60_000);
  await page.goto(host.url);
  await page.getByLabel("Project name").fill(failingName);
  await page.getByRole("button", { name: "Create project" }).click();
  failingDir = join(host.workspaceDir, failingName);
  await expect(page.getByTestId("file-tree").locator('[data-path="model/predictor.py"]')).toBeVisible();

  // Model tab: bytes no framework wrote.
  await page.getByRole("tab", { name: "Model" }).click();
  await page
    .getByTestId("model-input")
    .setInputFiles({ name: "notes.onnx", mimeType: "application/octet-stream", buffer: Buffer.from("not a model\n".repeat(200)) });
  await expect(page.getByTestId("model-error")).toContainText("Not a model format Stagemaker recognises");
  await expectAccessible(page, "Model (unreadable file)");

  // Build: the refused file stands in the way (the example predictor never serves it) until it leaves artifacts/.
  await page.getByRole("tab", { name: "Build" }).click();
  const refusal = page.getByRole("tabpanel", { name: "Build" }).getByTestId("model-refusal");
  await expect(refusal).toContainText("artifacts/notes.onnx");
  await expect(page.getByRole("button", { name: "Build", exact: true })).toBeDisabled();
  await expectAccessible(page, "Build (model refused)");
  await page.getByRole("tab", { name: "Artifacts" }).click();
  await page.getByRole("button", { name: "Remove notes.onnx" }).click();
  await expect(page.getByRole("button", { name: "Remove notes.onnx" })).toHaveCount(0);

  // Build: a Dockerfile step that fails, with the failing step's last lines shown.
  const dockerfile = join(failingDir, "Dockerfile");
  const original = readFileSync(dockerfile, "utf8");
  appendFileSync(dockerfile, "\nRUN echo 'a step that fails' && exit 3\n");
  await page.getByRole("tab", { name: "Build" }).click();
  await expect(refusal).toBeHidden();
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-error")).toBeVisible({ timeout: 12 * 60_000 });
  await expectAccessible(page, "Build (failed)");

  // Run: the image builds, its predictor raises while loading; the failed state keeps its log.
  writeFileSync(dockerfile, original);
  const predictor = join(failingDir, "model/predictor.py");
  writeFileSync(
    predictor,
    readFileSync(predictor, "utf8").replace("self.factor = 2.0", 'raise RuntimeError("the weights file is missing")'),
  );
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText(/image size \d/, { timeout: 12 * 60_000 });
  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-failure")).toContainText("the weights file is missing", { timeout: 3 * 60_000 });
  await expectAccessible(page, "Run (failed)");

  // Invoke while nothing healthy runs: the panel says what to do.
  await page.getByRole("tab", { name: "Invoke" }).click();
  await expectAccessible(page, "Invoke (not running)");
});
