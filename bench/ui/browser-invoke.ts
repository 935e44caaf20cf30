import type { Browser } from "playwright-core";
import { percentile } from "./stats";

/**
 * The UI path as the renderer walks it: Chromium's fetch from the app page → browser host → core →
 * container, timed inside the page. (The page cannot reach the container directly: CSP connect-src
 * 'self' and no CORS, so the direct reference is measured from Node.)
 * The page code is a plain string: tsx's transform would otherwise add helpers the page lacks.
 */
export interface BrowserInvokeFigures {
  invoke: { p50: number; p90: number };
  /** Chromium's own fetch floor: the same page calling projects.recent (no engine, no container). */
  hostOnly: { p50: number; p90: number };
}

export async function measureBrowserInvoke(
  browser: Browser,
  url: string,
  token: string,
  project: string,
  rounds: number,
): Promise<BrowserInvokeFigures> {
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
    const once = async (channel, body, check) => {
      const t0 = performance.now();
      const r = await fetch("/api/call/" + channel, { method: "POST", headers, body });
      const envelope = await r.json();
      if (!check(envelope)) throw new Error(channel + " failed: " + JSON.stringify(envelope));
      return performance.now() - t0;
    };
    const invoke = () => once("invoke.send", ${JSON.stringify(request)}, (e) => e.ok && e.value.status === 200);
    const recent = () => once("projects.recent", "{}", (e) => e.ok);
    for (let i = 0; i < 30; i++) { await invoke(); await recent(); }
    const out = { invoke: [], hostOnly: [] };
    for (let i = 0; i < ${rounds}; i++) { out.invoke.push(await invoke()); out.hostOnly.push(await recent()); }
    return out;
  })()`;
  const times = (await page.evaluate(script)) as { invoke: number[]; hostOnly: number[] };
  await context.close();
  const summary = (v: number[]) => ({ p50: percentile(v, 50), p90: percentile(v, 90) });
  return { invoke: summary(times.invoke), hostOnly: summary(times.hostOnly) };
}
