// Editing a file in the Code tab as a person does: find, put the new text in its place, save.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

/** Finds `from` in the open Monaco file (Ctrl+F selects it), types `to` over it and saves with Ctrl+S. */
export async function replaceAndSave(page: Page, projectDir: string, from: string, to: string, path = "model/predictor.py") {
  const lines = page.getByTestId("editor").locator(".monaco-editor .view-lines");
  await expect(lines).toContainText(from);
  await lines.click();
  await page.keyboard.press("Control+F");
  await page.keyboard.press("Control+A");
  await page.keyboard.type(from);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.type(to);
  // No wait between the last keystroke and Ctrl+S: the save must carry everything typed.
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
  await expect.poll(() => readFileSync(join(projectDir, path), "utf8")).toContain(to);
}

/**
 * Finds `findText` in the open Monaco file and puts `replacement` in its place at once (insertText, not
 * typing: Monaco would auto-close brackets and quotes typed one by one), then saves with the Save button.
 */
export async function replaceInEditor(page: Page, findText: string, replacement: string) {
  const lines = page.getByTestId("editor").locator(".monaco-editor .view-lines");
  // Monaco draws only the visible lines: wait for the file, and let Find scroll to the text.
  await expect(lines).toContainText(/\w/);
  await lines.click();
  await expect(page.locator(".monaco-editor.focused")).toBeVisible();
  await page.keyboard.press("Control+F");
  const find = page.locator(".monaco-editor .find-widget.visible");
  await expect(find).toBeVisible();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(findText);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(find).toBeHidden();
  await page.keyboard.insertText(replacement);
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("dirty-marker")).toBeHidden();
}
