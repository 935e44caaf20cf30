import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, startHost, test } from "./fixtures";
import { scaled } from "../scripts/test-env/time-factor";
import { sendFromForm } from "./template-project";

// Builds pip-install from PyPI; behind this machine's TLS-inspecting proxy the image must trust its CA.
const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

const name = `e2e-flow-${Date.now().toString(36)}`;
let projectDir = "";

/** Whatever the test created on the shared engine goes, even when it failed half-way. */
test.afterAll(() => removeProjectFromEngine(projectDir));

/** Reuses the first test's project when it exists (one project, one image per run), else makes one. */
async function openOrCreateProject(page: Page, url: string, workspaceDir: string): Promise<string> {
  const dir = join(workspaceDir, name);
  await page.goto(url);
  if (existsSync(dir)) {
    await page
      .getByTestId("recent-projects")
      .getByRole("button", { name: new RegExp(name) })
      .click();
  } else {
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Create project" }).click();
    projectDir = dir;
  }
  return dir;
}

test("create → edit the predictor in Monaco → build → run → invoke shows the edited output", async ({ page, host }) => {
  test.setTimeout(scaled(15 * 60_000));
  await page.goto(host.url);
  await expect(page.getByTestId("engine-status")).toContainText(/Docker engine running/);

  // Create a project from the template.
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  const tree = page.getByTestId("file-tree");
  await expect(tree.getByRole("treeitem", { name: "predictor.py", exact: true })).toBeVisible();
  projectDir = join(host.workspaceDir, name);
  expect(existsSync(join(projectDir, "model/predictor.py"))).toBe(true);

  // Edit the predictor the way a person would: find the line, type over it, Ctrl+S.
  await tree.getByRole("treeitem", { name: "predictor.py", exact: true }).click();
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor .view-lines")).toContainText("self.factor = 2.0");
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+F");
  await page.keyboard.type("self.factor = 2.0");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type("self.factor = 5.0");
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
  expect(readFileSync(join(projectDir, "model/predictor.py"), "utf8")).toContain("self.factor = 5.0");

  // Build: progress by step, then duration and size.
  await page.getByRole("tab", { name: "Build" }).click();
  // A cached build can finish within a poll interval, so record every progress text the page shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="build-progress"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText(/image size \d/, { timeout: scaled(12 * 60_000) });
  const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(progress.filter((t) => /Step \d+\/\d+/.test(t)).length).toBeGreaterThan(1);
  await expect(page.getByTestId("build-error")).toHaveCount(0);

  // PredictorConfig settings go into stagemaker.json from the table.
  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Add variable" }).click();
  await page.getByLabel("Name of variable 1").fill("MAX_BATCH_SIZE");
  await page.getByLabel("Value of variable 1").fill("8");
  await page.getByRole("button", { name: "Save variables" }).click();
  // Disabled while the save is on its way, and after: the file is what tells it landed.
  await expect(page.getByRole("button", { name: "Save variables" })).toBeDisabled();
  await expect
    .poll(() => JSON.parse(readFileSync(join(projectDir, "stagemaker.json"), "utf8")).env)
    .toEqual([{ name: "MAX_BATCH_SIZE", value: "8" }]);

  // Run until /ping answers.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: scaled(3 * 60_000) });
  await expect(page.getByTestId("host-port")).toContainText(/127\.0\.0\.1:\d+/);

  // Invoke with an instance typed in the form; the inspector shows the edited predictor's answer.
  await page.getByRole("tab", { name: "Invoke" }).click();
  // The form comes from the Instance schema (read by Python in the running container).
  await sendFromForm(page, "asdf", "1.2");
  await expect(page.getByTestId("response-status")).toContainText("200");
  await expect(page.getByTestId("response-body")).toContainText('"output_field": "asdf:6.0"');
  await expect(page.getByTestId("response-timing")).toContainText(/total .*TTFB/);
  const history = page.getByTestId("invocation-history");
  await expect(history.getByRole("listitem")).toHaveCount(1);

  // Dev mode's inner loop: saving model/ code while it runs reloads only the server.
  await page.getByRole("tab", { name: "Code" }).click();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+F");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("self.factor = 5.0");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type("self.factor = 10.0");
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
  // The reload waits for the Python check of the saved file (issue 14): it starts once the check is done.
  await expect(page.getByTestId("problems").locator(".problems-status")).toHaveText("");
  await expect(page.getByTestId("problems").locator(".problems-count")).toHaveText("(none)");
  await page.getByRole("tab", { name: "Run" }).click();
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: scaled(2 * 60_000) });
  await page.getByRole("tab", { name: "Invoke" }).click();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("response-body")).toContainText('"output_field": "asdf:12.0"');
  await expect(history.getByRole("listitem")).toHaveCount(2);

  // The history outlives the page; a past request can be sent again.
  await page.reload();
  await page.getByRole("tab", { name: "Invoke" }).click();
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await history
    .getByRole("button", { name: /Re-send/ })
    .last()
    .click();
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByTestId("response-body")).toContainText("asdf:12.0");

  // Stop leaves the container stopped.
  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("run-state")).toContainText("stopped");
});

test("a file dropped on the artifacts zone, or a picked folder, is copied into artifacts/ and listed with its size", async ({
  page,
  host,
}) => {
  const dir = await openOrCreateProject(page, host.url, host.workspaceDir);
  await page.getByRole("tab", { name: "Artifacts" }).click();

  const size = 123_456;
  const dataTransfer = await page.evaluateHandle((n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = i % 251;
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "weights.bin", { type: "application/octet-stream" }));
    return dt;
  }, size);
  await page.getByTestId("artifact-drop").dispatchEvent("drop", { dataTransfer });

  const row = page.getByTestId("artifact-list").getByRole("row").filter({ hasText: "weights.bin" });
  await expect(row).toContainText("123 kB");
  const onDisk = join(dir, "artifacts", "weights.bin");
  expect(statSync(onDisk).size).toBe(size);
  const content = readFileSync(onDisk);
  expect(content[250]).toBe(250);
  expect(content[251]).toBe(0);

  await row.getByRole("button", { name: "Remove weights.bin" }).click();
  await expect(row).toHaveCount(0);
  expect(existsSync(onDisk)).toBe(false);

  // "Add folder" keeps the folder's structure under artifacts/.
  const picked = mkdtempSync(join(tmpdir(), "stagemaker-e2e-folder-"));
  try {
    mkdirSync(join(picked, "tokenizer", "extra"), { recursive: true });
    writeFileSync(join(picked, "tokenizer", "vocab.txt"), "a\nb\n");
    writeFileSync(join(picked, "tokenizer", "extra", "merges.txt"), "x".repeat(2500));
    await page.getByLabel("Artifact folder").setInputFiles(join(picked, "tokenizer"));
    const list = page.getByTestId("artifact-list");
    await expect(list.getByRole("row").filter({ hasText: "tokenizer/extra/merges.txt" })).toContainText("2.5 kB");
    await expect(list.getByRole("row").filter({ hasText: "tokenizer/vocab.txt" })).toContainText("4 B");
    expect(readFileSync(join(dir, "artifacts", "tokenizer", "extra", "merges.txt"), "utf8")).toHaveLength(2500);
  } finally {
    rmSync(picked, { recursive: true, force: true });
  }
});

test("a failing build names its step, highlights it and keeps the log", async ({ page, host }) => {
  test.setTimeout(scaled(10 * 60_000));
  const dir = await openOrCreateProject(page, host.url, host.workspaceDir);
  // A requirement that cannot exist: pip fails in the step that installs the model's packages.
  await page.getByTestId("file-tree").getByRole("treeitem", { name: "requirements.txt" }).click();
  const lines = page.getByTestId("editor").locator(".monaco-editor .view-lines");
  await expect(lines).toContainText("Python packages");
  await lines.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("stagemaker-e2e-no-such-package==0.0.1");
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
  expect(readFileSync(join(dir, "requirements.txt"), "utf8")).toContain("stagemaker-e2e-no-such-package==0.0.1");

  await page.getByRole("tab", { name: "Build" }).click();
  await page.getByRole("button", { name: "Build", exact: true }).click();
  const error = page.getByTestId("build-error");
  await expect(error).toContainText(/Build failed at step \d+/, { timeout: scaled(8 * 60_000) });
  const failedStep = page.locator(".step.failed");
  await expect(failedStep).toHaveCount(1);
  await expect(failedStep).toContainText("requirements.txt");
  // The cause is recognised and the person is told where to look.
  await expect(error).toContainText("pip found no such package or version");
  await expect(page.getByTestId("build-log").locator(".log-error").first()).toBeVisible();
  await expect(page.getByTestId("build-result")).toHaveCount(0);
});

test("with no engine answering, the status says so and what to do", async ({ page }) => {
  const down = await startHost({ dockerHost: `unix:///tmp/stagemaker-e2e-no-engine-${process.pid}.sock` });
  try {
    await page.goto(down.url);
    const status = page.getByTestId("engine-status");
    await expect(status).toContainText("Docker engine not reachable");
    // The hint is a sentence beyond the bare state.
    await expect(status).toContainText(/not reachable — \S+/);
    await expect(page.getByRole("alert").filter({ hasText: "Docker is not answering" })).toContainText("no-engine");
    await expect(page.getByRole("button", { name: "Create project" })).toBeVisible();
  } finally {
    await down.stop();
  }
});
