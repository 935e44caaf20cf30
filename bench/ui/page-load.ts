import type { Browser } from "playwright-core";
import { percentile } from "./stats";

export interface PageLoadFigures {
  runs: number[];
  p50: number;
  /** Script bytes the browser fetched before the projects screen was interactive (first, cold run). */
  initialScripts: { url: string; bytes: number }[];
}

/**
 * Time from opening the URL (navigation start) to an interactive projects screen: the "Project name"
 * box is editable and the engine status has arrived. Each run uses a fresh browser context (cold cache).
 */
export async function measurePageLoad(browser: Browser, url: string, runs: number): Promise<PageLoadFigures> {
  const times: number[] = [];
  let initialScripts: { url: string; bytes: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: Promise<{ url: string; bytes: number }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        scripts.push(response.body().then((b) => ({ url: response.url(), bytes: b.length })));
    });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    const nameBox = page.getByRole("textbox", { name: "Project name" });
    await nameBox.waitFor({ state: "visible", timeout: 30_000 });
    await page.waitForFunction(() =>
      /running|not reachable/.test(document.querySelector('[data-testid="engine-status"]')?.textContent ?? ""),
    );
    if (!(await nameBox.isEditable())) throw new Error("the projects screen showed up but its name box is not editable");
    times.push(performance.now() - t0);
    if (i === 0) initialScripts = await Promise.all(scripts);
    await context.close();
  }
  return { runs: times, p50: percentile(times, 50), initialScripts };
}
