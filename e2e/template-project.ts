// A template project brought to a running server through the UI, as most e2e tests start.
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { scaled } from "../scripts/test-env/time-factor";

/** Creates a project from the template on the projects screen; its folder, once the file tree shows it. */
export async function createTemplateProject(page: Page, host: { url: string; workspaceDir: string }, name: string): Promise<string> {
  await page.goto(host.url);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("file-tree").locator('[role="treeitem"][data-path="model/predictor.py"]')).toBeVisible();
  return join(host.workspaceDir, name);
}

/** Builds the open project's image from the Build tab, then runs it from the Run tab until /ping answers. */
export async function buildAndRun(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Build" }).click();
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText(/image size \d/, { timeout: scaled(12 * 60_000) });
  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: scaled(3 * 60_000) });
}

/** Sends the template's Instance from the Invoke tab's form (the template answers `field1:field2 × its factor`). */
export async function sendFromForm(page: Page, field1: string, field2: string): Promise<void> {
  const form = page.getByTestId("instance-form");
  await form.getByLabel(/Field1/).fill(field1);
  await form.getByLabel(/Field2/).fill(field2);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}
