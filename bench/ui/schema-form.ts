// bench:ui figures for the schema-driven form: save → fresh schema in the form (dev mode), and the form's render time for a 50-field schema.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { percentile } from "./stats";

const instanceWith = (fields: string[]) =>
  `from pydantic import BaseModel\n\n\nclass Instance(BaseModel):\n    """Bench instance."""\n\n${fields.map((f) => `    ${f}`).join("\n")}\n`;

/**
 * In the real app (Chromium, browser host, running dev-mode container): the person saves
 * model/instance.py in the Code tab with a new field; the clock runs from Ctrl+S until that
 * field's input exists in the Invoke form (schemas read by Python in the container).
 */
export async function measureSchemaForm(browser: Browser, url: string, token: string, project: string, rounds: number) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}`);
  await page.getByTestId("recent-projects").getByRole("button").first().click();
  await page.getByRole("tab", { name: "Invoke" }).click();
  await page.getByTestId("instance-form").waitFor();
  await page.getByRole("tab", { name: "Code" }).click();
  await page.getByTestId("file-tree").getByRole("treeitem", { name: "model/instance.py" }).click();
  const lines = page.getByTestId("editor").locator(".monaco-editor .view-lines");
  await lines.waitFor();
  const saveToForm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await lines.click();
    await page.keyboard.press("Control+End");
    // One line at a time: Monaco indents each typed newline like the line above (the class body).
    await page.keyboard.insertText(i === 0 ? `    bench_${i}: float = 1.0` : `\nbench_${i}: float = 1.0`);
    await page.getByTestId("dirty-marker").waitFor();
    const t0 = performance.now();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .locator(`[id="root_bench_${i}"]`)
      .waitFor({ state: "attached", timeout: 60_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: "bench-schema-form-failure.png" });
        throw e;
      });
    saveToForm.push(performance.now() - t0);
  }

  // 50 fields of every kind the form shows; then time the form's mount inside the page.
  const fifty = Array.from({ length: 50 }, (_, i) =>
    i % 5 === 0
      ? `s${i}: str = "x"`
      : i % 5 === 1
        ? `n${i}: float = 1.5`
        : i % 5 === 2
          ? `k${i}: int = 3`
          : i % 5 === 3
            ? `b${i}: bool = False`
            : `e${i}: Literal["a", "b"] = "a"`,
  );
  // Written like another editor would; the page is reloaded to pick it up.
  await writeFile(
    join(project, "model/instance.py"),
    instanceWith(fifty).replace("from pydantic", "from typing import Literal\n\nfrom pydantic"),
  );
  await page.reload();
  await page.getByRole("tab", { name: "Invoke" }).click();
  await page.locator('[id="root_e49"]').waitFor({ state: "attached", timeout: 60_000 });
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  const renders = (await page.evaluate(`(async () => {
    const button = (label) => [...document.querySelectorAll('[aria-label="Body editor"] button')].find((b) => label.test(b.textContent || ""));
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const times = [];
    for (let i = 0; i < 15; i++) {
      button(/^Table/).click();
      await frame();
      const t0 = performance.now();
      button(/^Form$/).click();
      // React commits the click's update synchronously; the next frame includes style and layout.
      await frame();
      const shown = document.querySelectorAll('[data-testid="instance-form"] input, [data-testid="instance-form"] select').length;
      if (shown < 50) throw new Error("the form shows " + shown + " fields, not 50");
      times.push(performance.now() - t0);
    }
    return times;
  })()`)) as number[];
  await page.close();
  void token;
  return { saveToForm, p50: percentile(saveToForm, 50), renders, renderP50: percentile(renders, 50) };
}
