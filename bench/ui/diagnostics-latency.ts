// Save → Monaco marker in Chromium (warm tools container), against a fresh container per check as the reference.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { toolsImageTag } from "../../app/core/diagnostics/tools-image";
import { percentile } from "./stats";

const run = promisify(execFile);

export interface DiagnosticsFigures {
  saveToMarker: number[];
  saveToClear: number[];
  freshContainer: number[];
}

/**
 * Opens the project like a person, waits until the first check (which starts the tools container)
 * is done, then alternates: type a line that does not parse + Ctrl+S → time until the squiggle
 * shows; delete it + Ctrl+S → time until it goes. The reference runs the same check with
 * `docker run --rm` on the same image each time (what a container per check would cost).
 */
export async function measureDiagnostics(
  browser: Browser,
  url: string,
  projectDir: string,
  templateDir: string,
  rounds: number,
): Promise<DiagnosticsFigures> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}#/project/${encodeURIComponent(projectDir)}`);
  await page.locator('[data-testid="problems"] .problems-count').filter({ hasText: "(none)" }).waitFor({ timeout: 300_000 });
  await page.locator(".monaco-editor .view-lines").waitFor();
  const figures: DiagnosticsFigures = { saveToMarker: [], saveToClear: [], freshContainer: [] };
  for (let i = 0; i < rounds; i++) {
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("x = 1 +");
    await page.keyboard.press("Enter");
    let t0 = performance.now();
    await page.keyboard.press("Control+S");
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ state: "attached", timeout: 60_000 });
    figures.saveToMarker.push(performance.now() - t0);
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Delete");
    t0 = performance.now();
    await page.keyboard.press("Control+S");
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ state: "detached", timeout: 60_000 });
    figures.saveToClear.push(performance.now() - t0);
  }
  await page.context().close();
  const { tag } = await toolsImageTag({ projectDir, templateDir });
  for (let i = 0; i < Math.min(rounds, 3); i++) {
    const t0 = performance.now();
    await run("docker", [
      "run",
      "--rm",
      "--network",
      "none",
      "-v",
      `${projectDir}:/opt/program:ro`,
      tag,
      "python",
      "-m",
      "tools.diagnostics",
      "model",
    ]);
    figures.freshContainer.push(performance.now() - t0);
  }
  return figures;
}

export const p50 = (v: number[]) => percentile(v, 50);
