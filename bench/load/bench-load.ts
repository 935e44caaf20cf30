/**
 * Load test benchmark (`npm run bench:load`), on a real scikit-learn model made by `stagemaker new --from`
 * (trained at run time by the intake tests' trainer), through the real CLI:
 *  1. `stagemaker load DIR --concurrency 1,4,16 --duration 5s`: its table and breakdown, printed as is;
 *  2. calibration: our step (autocannon) and wrk against a Node server answering after a fixed delay, whose rate
 *     is known (c / delay), to tell a generator that mis-counts from a busy machine;
 *  3. requests/s at 16 connections, `stagemaker load` against `wrk -t1` and `wrk -t2` on the same container,
 *     in interleaved rounds (forth and back), each repetition printed, medians, spreads and per-round ratios
 *     (the issue asks for them within 15%); same body bytes, Content-Type, keep-alive, connections, duration;
 *  4. the cost of the server's own timing (< 2% asked): three containers of the image, STAGEMAKER_SERVER_TIMING=on,
 *     off, on (the two "on" ones are an A/A control of what alike containers differ by here), many short rounds
 *     (A off B, then B off A), server CPU per answer from the containers' cgroups and wrk's requests/s, per-round
 *     ratios with bootstrap 95% intervals, the timing code alone in one server process, and a verdict (timing-cost.ts).
 * Settings: BENCH_SECONDS (10) per repetition, BENCH_ROUNDS (5), BENCH_CALIBRATION_ROUNDS (3, 0 skips it),
 * BENCH_TIMING_ROUNDS (40), BENCH_TIMING_SECONDS (2) and BENCH_TIMING_MODE ("together", or "turns") for part 4,
 * BENCH_WRK_THREADS ("1,2"), BENCH_ONLY ("sweep,calibration,wrk,timing": a subset), BENCH_PIN=1 pins the server
 * containers to CPU 1 (cpuset) and the generators to CPU 0 (taskset), so they do not take each other's core.
 * wrk comes from Debian (`apt-get install wrk`, done here when it is missing and we are root).
 * All traffic goes to 127.0.0.1 (the containers' loopback ports and the calibration server).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { trainModels } from "../../app/core/model/testing/trained-models";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { calibrate } from "./calibration";
import { childrenCpuSeconds, type Generators, stagemakerLoad, type Target, wrk, wrkScript } from "./generators";
import { interleave, summarize } from "./interleave";
import { startServer } from "./start-server";
import { timingCost } from "./timing-cost";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALIBRATION_ROUNDS = Number(process.env.BENCH_CALIBRATION_ROUNDS ?? 3);
const WRK_THREADS = (process.env.BENCH_WRK_THREADS ?? "1,2").split(",").map(Number);
const ONLY = new Set((process.env.BENCH_ONLY ?? "sweep,calibration,wrk,timing").split(","));
const PIN = process.env.BENCH_PIN === "1";
const root = mkdtempSync(join(tmpdir(), "smk-bench-load-"));
const dir = join(root, `load-bench-${process.pid}`);
const env = {
  ...process.env,
  STAGEMAKER_WORKSPACE: root,
  STAGEMAKER_STATE_DIR: join(root, ".state"),
  STAGEMAKER_EXTRA_CA_CERTS: process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt",
};
const say = (line: string) => process.stdout.write(line + "\n");
const cli = (...args: string[]) =>
  execFileSync("node", ["bin/stagemaker.mjs", ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
const cliJson = <T>(...args: string[]) => (JSON.parse(cli("--json", ...args)) as { value: T }).value;
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")} on ${cpus().length} CPUs`;

function ensureWrk(): void {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  say("wrk is missing: installing Debian's wrk package…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "wrk"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** The project's environment, as its own container gets it. */
const manifestEnv = () =>
  (JSON.parse(readFileSync(join(dir, "stagemaker.json"), "utf8")) as { env: { name: string; value: string }[] }).env.map(
    (e) => `${e.name}=${e.value}`,
  );

const started: string[] = [];
let imageTag: string | undefined;
try {
  ensureWrk();
  say(`At start: ${load()} (the cores are shared with other work; figures move with it). Pinned: ${PIN ? "yes" : "no"}.`);
  say("Setting up: training a scikit-learn model, `stagemaker new --from`, build, run…");
  const model = (await trainModels(["sklearn"])).sklearn!;
  const created = cliJson<{ project: { manifest: { imageTag: string } }; plan: { example: { json: string } } }>(
    "new",
    dir,
    "--from",
    join(model.dir, model.artifact),
  );
  imageTag = created.project.manifest.imageTag;
  cli("build", dir);
  const bodyFile = join(root, "body.json");
  writeFileSync(bodyFile, created.plan.example.json);
  const state = cliJson<{ state: string; hostPort?: number; containerId?: string }>("run", dir);
  if (state.state !== "healthy" || !state.hostPort || !state.containerId)
    throw new Error(`the container did not start: ${JSON.stringify(state)}`);
  const project: Target = { port: state.hostPort, containerId: state.containerId };
  if (PIN) execFileSync("docker", ["update", "--cpuset-cpus", "1", project.containerId], { stdio: "ignore" });
  const g: Generators = {
    pin: PIN ? ["taskset", "-c", "0"] : [],
    seconds: SECONDS,
    connections: 16,
    timeoutSeconds: 10,
    bodyFile,
    contentType: "application/json",
  };
  const script = wrkScript(join(root, "post.lua"), g);

  if (ONLY.has("sweep")) {
    say("\n## 1. `stagemaker load DIR --concurrency 1,4,16 --duration 5s`\n");
    say(cli("load", dir, "--concurrency", "1,4,16", "--duration", "5s", "--data", `@${bodyFile}`));
  }

  if (ONLY.has("calibration") && CALIBRATION_ROUNDS > 0) {
    const delay = 20;
    say(
      `\n## 2. calibration: a server answering after ${delay} ms, so 16 connections get at most ${16000 / delay} req/s; ${SECONDS} s each\n`,
    );
    const results = await calibrate(g, readFileSync(bodyFile), script, CALIBRATION_ROUNDS, delay);
    summarize(results, [["run-step (autocannon)", "wrk -t1"]]);
  }

  if (ONLY.has("wrk")) {
    const before = childrenCpuSeconds();
    cliJson("status", dir);
    const startup = childrenCpuSeconds() - before;
    say(`\n## 3. requests/s at 16 connections, ${SECONDS} s each, ${ROUNDS} rounds forth and back, same container\n`);
    say(
      `The CLI's own start-up (Node, the bundle check, Docker look-ups) costs ~${startup.toFixed(2)} s of CPU (\`stagemaker status\`), ` +
        "taken off its generator CPU below. Warm-up: one short run of each, not counted.",
    );
    const sides = [
      { name: "stagemaker load", run: () => stagemakerLoad(project, g, dir, env, startup) },
      ...WRK_THREADS.map((t) => ({ name: `wrk -t${t}`, run: () => wrk(project, g, script, t) })),
    ];
    g.seconds = Math.min(3, SECONDS);
    for (const side of sides) await side.run();
    g.seconds = SECONDS;
    const results = await interleave(ROUNDS, sides);
    summarize(
      results,
      WRK_THREADS.map((t) => ["stagemaker load", `wrk -t${t}`]),
    );
  }

  if (ONLY.has("timing")) {
    const rounds = Number(process.env.BENCH_TIMING_ROUNDS ?? 40);
    const seconds = Number(process.env.BENCH_TIMING_SECONDS ?? 2);
    const together = (process.env.BENCH_TIMING_MODE ?? "together") === "together";
    say(
      `\n## 4. the server's timing on, off and on again (three containers of the image): wrk -t1 at 16 connections each, ` +
        `${seconds} s, ${rounds} rounds, ${together ? "the three loaded at the same time" : "in turns (A off B, then B off A)"}\n`,
    );
    const cpuset = PIN ? "1" : undefined;
    const artifacts = join(dir, "artifacts");
    // The project's container is stopped so the two compared ones start alike and nothing else of ours runs.
    cli("stop", dir);
    // One hash seed for all three: Python's per-process hash randomisation lays dicts out differently, which
    // may alone make two alike processes run at slightly different speeds.
    const same = [...manifestEnv(), "PYTHONHASHSEED=0"];
    const start = (timing: string, name: string) =>
      startServer(imageTag!, [...same, `STAGEMAKER_SERVER_TIMING=${timing}`], artifacts, cpuset, `${dir} ${name}`, started);
    const onA = await start("on", "on A");
    const off = await start("off", "off");
    const onB = await start("on", "on B");
    await timingCost({ onA, off, onB }, { ...g, seconds }, script, rounds, bodyFile, together);
  }
  say(`\nAt the end: ${load()}`);
} finally {
  for (const id of started)
    await new Docker()
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
  try {
    cli("stop", dir);
  } catch {
    // not running
  }
  await cleanUpProject(dir, imageTag);
  // Intake's introspection image of the project (stagemaker-intake/<name>), made by `new --from`.
  if (imageTag)
    await new Docker()
      .getImage(imageTag.replace(/^stagemaker\//, "stagemaker-intake/"))
      .remove({ force: true })
      .catch(() => undefined);
}
