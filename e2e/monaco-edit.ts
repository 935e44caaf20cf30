// Editing a file in the Code tab as a person does: find, type over, save with Ctrl+S.
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
