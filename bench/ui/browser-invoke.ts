import type { Browser } from "playwright-core";
import { percentile } from "./stats";

/**
 * The UI path as the renderer walks it: Chromium's fetch from the app page → browser host → core →
 * container, timed inside the page. (The page cannot reach the container directly: CSP connect-src
 * 'self' and no CORS, so the direct reference is measured from Node.)
 * The page code is a plain string: tsx's transform would otherwise add helpers the page lacks.
 */
export async function measureBrowserInvoke(browser: Browser, url: string, token: string, project: string, rounds: number): Promise<{ p50: number; p90: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const request = JSON.stringify({
    project,
    body: JSON.stringify({ instances: [{ field1: "asdf", field2: 1.2 }] }),
    contentType: "application/json",
    accept: "application/json",
  });
  const script = `(async () => {
    const headers = { "Content-Type": "application/json", "X-Stagemaker-Token": ${JSON.stringify(token)} };
    const once = async () => {
      const t0 = performance.now();
      const r = await fetch("/api/call/invocations.send", { method: "POST", headers, body: ${JSON.stringify(request)} });
      const envelope = await r.json();
      if (!envelope.ok || envelope.value.status !== 200) throw new Error("invoke failed: " + JSON.stringify(envelope));
      return performance.now() - t0;
    };
    for (let i = 0; i < 30; i++) await once();
    const out = [];
    for (let i = 0; i < ${rounds}; i++) out.push(await once());
    return out;
  })()`;
  const times = (await page.evaluate(script)) as number[];
  await context.close();
  return { p50: percentile(times, 50), p90: percentile(times, 90) };
}
