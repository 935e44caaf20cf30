/**
 * Core benchmark (`npm run bench`): prints
 *  1. cold build of the server template from the base image (no layer cache),
 *  2. one-line edit of model/predictor.py → healthy with the new code, median of 5, for the dev
 *     reload (model/ mounted + SIGHUP) and for a layer-cached rebuild + new container,
 *  3. the core's invoke path (services["invoke.send"]) against a direct HTTP POST, p50 of 200,
 *  4. the CLI: start-up of --help and status --json, and edit → reload → invoke answer through it, bundled
 *     against the tsx path (bench/core/cli-startup.ts; --skip-cli leaves it out).
 * Uses the real engine and template; removes its container and image at the end.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "../../app/core/services";
import { buildImage } from "../../app/core/build/build-image";
import { buildInputsFor } from "../../app/core/settings/settings-channels";
import { openEngine } from "../../app/core/engine/engine-access";
import { servicesOptions } from "../../app/faces-common/services-options";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { benchCli } from "./cli-startup";
import { directPost } from "./direct-request";
import { fmtMs, median, percentile, timed } from "./measure";

const skipCold = process.argv.includes("--skip-cold");
const skipCli = process.argv.includes("--skip-cli");
const signal = new AbortController().signal;
const workspaceDir = mkdtempSync(join(tmpdir(), "smk-bench-"));
const options = servicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") });
const services = createServices(options);
const { docker } = openEngine(options.docker);
const project = await services["projects.create"]({ name: `smk-bench-${process.pid}` }, { signal });
const body = JSON.stringify({ instances: [{ field1: "asdf", field2: 1.2 }] });
const say = (line: string) => process.stdout.write(line + "\n");

async function setFactor(n: number): Promise<void> {
  const file = await services["code.read"]({ project: project.dir, path: "model/predictor.py" }, { signal });
  const next = file.content.replace(/self\.factor = [0-9.]+/, `self.factor = ${n}.0`);
  await services["code.write"]({ project: project.dir, path: "model/predictor.py", content: next }, { signal });
}

async function expectAnswer(n: number): Promise<void> {
  const r = await services["invoke.send"](
    { project: project.dir, body, contentType: "application/json", path: "/invocations", timeoutMs: 30_000 },
    { signal },
  );
  const got = (JSON.parse(r.body) as { predictions: { output_field: string }[] }).predictions[0]?.output_field;
  const want = `asdf:${1.2 * n}`; // JS and Python print the same shortest float, bar a trailing ".0"
  if (!got?.startsWith(want)) throw new Error(`expected ${want} after the edit, got ${got}`);
}

async function editToHealthy(mode: "dev reload" | "rebuild + restart"): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const factor = 10 + i;
    const { ms, value } = await timed(async () => {
      await setFactor(factor);
      return services["run.reload"]({ project: project.dir }, () => undefined, { signal });
    });
    if (value.state !== "healthy") throw new Error(`${mode}: not healthy: ${JSON.stringify(value)}`);
    await expectAnswer(factor);
    times.push(ms);
  }
  return times;
}

try {
  say(`Stagemaker core benchmark (${new Date().toISOString()})`);
  if (!skipCold) {
    const cold = await buildImage(docker, project.dir, project.manifest, () => undefined, {
      noCache: true,
      ...(await buildInputsFor(options.stateDir, options.environment!)),
    });
    say(
      `cold build from ${project.manifest.baseImage} (no layer cache, pip from PyPI): ${fmtMs(cold.durationMs)}, image ${(cold.sizeBytes / 1e6).toFixed(1)} MB, ${cold.steps} steps`,
    );
  } else {
    await services["build.run"]({ project: project.dir }, () => undefined, { signal });
    say("cold build: skipped (--skip-cold)");
  }

  // Dev mode (the default): model/ mounted, SIGHUP restarts only the server process.
  const first = await services["run.start"]({ project: project.dir }, () => undefined, { signal });
  if (first.state !== "healthy") throw new Error(`the template did not become healthy: ${JSON.stringify(first)}`);
  say(`first start → healthy: ${fmtMs(first.startupMs ?? NaN)}`);
  const dev = await editToHealthy("dev reload");
  say(`one-line edit → healthy, dev reload (SIGHUP, model/ mounted): median of 5 = ${fmtMs(median(dev))}  [${dev.map(fmtMs).join(", ")}]`);

  // Production-style: no mount, so each edit needs a layer-cached rebuild and a new container.
  await services["projects.saveManifest"](
    { project: project.dir, manifest: { ...project.manifest, run: { ...project.manifest.run, devMode: false } } },
    { signal },
  );
  await services["run.start"]({ project: project.dir }, () => undefined, { signal });
  const rebuild = await editToHealthy("rebuild + restart");
  say(
    `one-line edit → healthy, layer-cached rebuild + restart: median of 5 = ${fmtMs(median(rebuild))}  [${rebuild.map(fmtMs).join(", ")}]`,
  );
  say(
    `  ratio rebuild/dev reload = ${(median(rebuild) / median(dev)).toFixed(1)}x → default: ${median(dev) <= median(rebuild) ? "dev reload" : "rebuild"} (target ≤ 1.5 s)`,
  );

  const state = await services["run.status"]({ project: project.dir }, { signal });
  if (state.state !== "healthy") throw new Error("container not healthy for the invoke benchmark");
  const input = { project: project.dir, body, contentType: "application/json", path: "/invocations" as const, timeoutMs: 30_000 };
  for (let i = 0; i < 20; i++) {
    await directPost(state.hostPort, body);
    await services["invoke.send"](input, { signal });
  }
  const direct: number[] = [];
  const core: number[] = [];
  // Interleaved so both see the same server state.
  for (let i = 0; i < 200; i++) {
    direct.push((await timed(() => directPost(state.hostPort, body))).ms);
    core.push((await timed(() => services["invoke.send"](input, { signal }))).ms);
  }
  const d50 = percentile(direct, 50);
  const c50 = percentile(core, 50);
  say(
    `invoke, p50 of 200: direct HTTP ${fmtMs(d50)}, core invoke.send ${fmtMs(c50)} (history kept, written in the background) → overhead ${fmtMs(c50 - d50)} (${(c50 / d50).toFixed(2)}x); p95 direct ${fmtMs(percentile(direct, 95))}, core ${fmtMs(percentile(core, 95))}`,
  );

  if (!skipCli) await benchCli(say, cleanUpProject);
} finally {
  await services["run.stop"]({ project: project.dir }, { signal }).catch(() => undefined);
  await cleanUpProject(project.dir, project.manifest.imageTag);
  await services.close();
}
