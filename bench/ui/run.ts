import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { spawnHost } from "../../scripts/spawn-host";
import { ensureRendererBuilt, rendererDir } from "../../scripts/renderer-build";
import { call, stream } from "./api-client";
import { measureBrowserInvoke } from "./browser-invoke";
import { measureDiagnostics, p50 } from "./diagnostics-latency";
import { measureInvokeOverhead, summarise } from "./invoke-overhead";
import { measurePageLoad } from "./page-load";
import { measureSchemaForm } from "./schema-form";
import { kb, ms } from "./stats";

/**
 * npm run bench:ui — figures for the browser face:
 *  1. time from opening the URL to an interactive projects screen (Debian Chromium, cold context);
 *  2. initial JavaScript size, with Monaco split out (what the first screen loads vs the lazy chunks);
 *  3. invoke overhead of the UI path (host + core) against a direct HTTP request to the container;
 *  4. save model/instance.py → the new field in the form (dev mode), and a 50-field form's render time.
 * Env: BENCH_LOAD_RUNS (default 7), BENCH_INVOKE_ROUNDS (default 300), BENCH_SKIP_INVOKE=1,
 * BENCH_SCHEMA_ROUNDS (default 7), BENCH_SKIP_SCHEMAS=1.
 */
const loadRuns = Number(process.env.BENCH_LOAD_RUNS ?? 7);
const invokeRounds = Number(process.env.BENCH_INVOKE_ROUNDS ?? 300);
const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

await ensureRendererBuilt({ log: console.log });
const host = await spawnHost({ quiet: true });
const browser = await chromium.launch({
  executablePath: process.env.STAGEMAKER_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let project: string | undefined;
const projects: string[] = [];
try {
  // 1 + 2: page load and initial JavaScript.
  const load = await measurePageLoad(browser, host.url, loadRuns);
  console.log(`\n## Browser face: open URL → interactive projects screen (${loadRuns} cold runs)`);
  console.log(`p50 ${ms(load.p50)}; runs: ${load.runs.map((v) => v.toFixed(0)).join(", ")} ms`);

  const assets = join(rendererDir, "assets");
  const allJs = readdirSync(assets).filter((f) => f.endsWith(".js"));
  const loaded = new Set(load.initialScripts.map((s) => s.url.split("/").pop()));
  const size = (f: string) => statSync(join(assets, f)).size;
  const gz = (f: string) => gzipSync(readFileSync(join(assets, f))).length;
  const initial = allJs.filter((f) => loaded.has(f));
  const lazy = allJs.filter((f) => !loaded.has(f));
  const monaco = lazy.filter((f) => /code-editor|editor|monaco|worker|Mode|python|json/i.test(f));
  const sum = (files: string[], by: (f: string) => number) => files.reduce((a, f) => a + by(f), 0);
  console.log(`\n## Initial JavaScript (fetched before the projects screen was interactive)`);
  for (const f of initial) console.log(`  ${f}: ${kb(size(f))} (gzip ${kb(gz(f))})`);
  console.log(`initial total: ${kb(sum(initial, size))} (gzip ${kb(sum(initial, gz))}) in ${initial.length} file(s)`);
  console.log(
    `lazy, not loaded at start: ${kb(sum(lazy, size))} in ${lazy.length} files, of which Monaco and its workers/languages ${kb(sum(monaco, size))}`,
  );
  console.log(`ratio initial / all JS: ${((100 * sum(initial, size)) / sum(allJs, size)).toFixed(1)} %`);
  if (initial.some((f) => monaco.includes(f))) console.log("WARNING: a Monaco chunk was loaded by the first screen");

  // Python diagnostics: save → marker with a warm tools container (target ≤ 1.5 s), vs a container per check.
  if (process.env.BENCH_SKIP_DIAGNOSTICS !== "1") {
    const rounds = Number(process.env.BENCH_DIAGNOSTICS_ROUNDS ?? 5);
    const dir = (await call<{ dir: string }>(host, "projects.create", { name: `bench-diag-${process.pid}` })).dir;
    const d = await measureDiagnostics(browser, host.url, dir, join(import.meta.dirname, "../../server-template"), rounds);
    console.log(`\n## Python diagnostics: Ctrl+S → Monaco marker (${rounds} rounds, warm tools container, exec per check)`);
    console.log(
      `save → marker shown  p50 ${ms(p50(d.saveToMarker))}; runs: ${d.saveToMarker.map((v) => v.toFixed(0)).join(", ")} ms; target ≤ 1500 ms: ${p50(d.saveToMarker) <= 1500 ? "met" : "NOT met"}`,
    );
    console.log(
      `save → marker gone   p50 ${ms(p50(d.saveToClear))}; runs: ${d.saveToClear.map((v) => v.toFixed(0)).join(", ")} ms (includes mypy through its daemon)`,
    );
    console.log(
      `reference: a new container per check (docker run --rm) p50 ${ms(p50(d.freshContainer))}; ratio fresh / warm (marker gone): ${(p50(d.freshContainer) / p50(d.saveToClear)).toFixed(2)}×`,
    );
    const { default: Docker } = await import("dockerode");
    const { removeToolsContainer } = await import("../../app/core/diagnostics/tools-container");
    await removeToolsContainer(new Docker(), dir);
  }

  console.log(
    `(load average at the start: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")} on ${cpus().length} cores)`,
  );
  // 3: invoke overhead, on a real project built and run on the local engine.
  if (process.env.BENCH_SKIP_INVOKE !== "1") {
    const name = `bench-ui-${process.pid}`;
    project = (await call<{ dir: string }>(host, "projects.create", { name })).dir;
    const t0 = performance.now();
    const built = await stream<{ sizeBytes: number; durationMs: number }>(host, "build.run", { project });
    console.log(
      `\n(setup: built the template image in ${(built.durationMs / 1000).toFixed(1)} s, ${(built.sizeBytes / 1e6).toFixed(0)} MB; wall ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const state = await stream<{ state: string; hostPort?: number }>(host, "run.start", { project });
    if (state.state !== "healthy" || !state.hostPort) throw new Error(`container not healthy: ${JSON.stringify(state)}`);
    const figures = summarise(await measureInvokeOverhead(host, project, state.hostPort, invokeRounds));
    console.log(`\n## Invoke overhead: UI path (browser host + core) vs direct HTTP to the container, ${invokeRounds} alternating rounds`);
    console.log(`direct      p50 ${ms(figures.direct.p50)}  p90 ${ms(figures.direct.p90)}  p99 ${ms(figures.direct.p99)}`);
    console.log(`via host    p50 ${ms(figures.viaHost.p50)}  p90 ${ms(figures.viaHost.p90)}  p99 ${ms(figures.viaHost.p99)}`);
    console.log(
      `host only   p50 ${ms(figures.hostOnly.p50)}  p90 ${ms(figures.hostOnly.p90)}  p99 ${ms(figures.hostOnly.p99)}  (projects.recent: host hop + a core call without engine or container)`,
    );
    console.log(
      `overhead p50 ${ms(figures.overheadP50)} (paired per-round p50 ${ms(figures.pairedDeltaP50)}); target ≤ 2 ms: ${figures.overheadP50 <= 2 ? "met" : "NOT met"}`,
    );
    const inBrowser = await measureBrowserInvoke(browser, host.url, host.token, project, invokeRounds);
    console.log(
      `in Chromium p50 ${ms(inBrowser.invoke.p50)}  p90 ${ms(inBrowser.invoke.p90)}  (the renderer's own fetch → host → core → container)`,
    );
    console.log(
      `  Chromium fetch floor (projects.recent from the page) p50 ${ms(inBrowser.hostOnly.p50)}; the page cannot reach the container directly (CSP, no CORS)`,
    );
    console.log(`ratio via host / direct (p50): ${(figures.viaHost.p50 / figures.direct.p50).toFixed(2)}×`);
  }
  // 4: the schema-driven form (its own dev-mode project, so the invoke figures above stay unaffected).
  if (process.env.BENCH_SKIP_SCHEMAS !== "1") {
    const formProject = (await call<{ dir: string }>(host, "projects.create", { name: `bench-form-${process.pid}` })).dir;
    projects.push(formProject);
    await stream(host, "build.run", { project: formProject });
    await stream(host, "run.start", { project: formProject });
    const rounds = Number(process.env.BENCH_SCHEMA_ROUNDS ?? 7);
    const form = await measureSchemaForm(browser, host.url, host.token, formProject, rounds);
    console.log(`\n## Schema-driven form (dev mode, ${rounds} saves)`);
    console.log(
      `save model/instance.py → new field in the form: p50 ${ms(form.p50)}; runs: ${form.saveToForm.map((v) => v.toFixed(0)).join(", ")} ms; target ≤ 1500 ms: ${form.p50 <= 1500 ? "met" : "NOT met"}`,
    );
    console.log(
      `form render, 50-field Instance (Table → Form, to the next frame): p50 ${ms(form.renderP50)}; runs: ${form.renders.map((v) => v.toFixed(0)).join(", ")} ms`,
    );
  }
} finally {
  await browser.close();
  if (project) projects.push(project);
  for (const project of projects) {
    await call(host, "run.stop", { project }).catch((e: unknown) => console.error(`stop: ${String(e)}`));
    const manifest = JSON.parse(readFileSync(join(project, "stagemaker.json"), "utf8")) as { imageTag: string };
    const { default: Docker } = await import("dockerode");
    await new Docker()
      .getImage(manifest.imageTag)
      .remove({ force: true })
      .catch(() => undefined);
  }
  await host.stop();
}
