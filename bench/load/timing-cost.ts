// The cost of the server's Server-Timing, measured so that a busy 2-core machine cannot fake it:
//  - three containers of the project's image started alike by this bench (same environment and model data,
//    same PYTHONHASHSEED, same cpuset): timing on (A), off, on (B); "on A / on B" is an A/A control of what two
//    alike containers differ by here, beside the on/off difference;
//  - many short rounds; in each, the three are loaded at the same time by one wrk each ("together": every side
//    meets the same other work on the machine at the same moment), or in turns A, off, B then B, off, A ("turns":
//    "off" sits between the two "on" runs, so a machine getting busier or quieter favours no side);
//  - per run, the server's CPU time per answer from the container's cgroup (the main figure: far less moved by
//    other work on the machine than requests/s), and wrk's requests/s;
//  - per round, the ratio on/off (and A/B); medians with a bootstrap 95% interval, against the 2% budget;
//  - then the timing alone, inside one server process serving HTTP (timing_over_http.py): no second container; with
//    the project's model and with a null model (no model time, so no model noise), batching on and off; the verdict
//    sets the timing's µs (null model) against an answer of this project's model in the same regime.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { containerCpuSeconds, containerCpuSource, type Generators, type Target, wrkRate, wrkRateAsync } from "./generators";
import { median } from "./interleave";
import { bootstrapMedian, type Estimate, interval, percent, verdict } from "./paired-stats";

const say = (line: string) => process.stdout.write(line + "\n");
const BUDGET = 0.02; // the issue: the timing breakdown costs under 2% of throughput
const here = fileURLToPath(new URL(".", import.meta.url));

interface Run {
  rate: number;
  cpuUs: number;
}

/** One wrk run against `target` with the container's CPU time per answer (cgroup, before and after). */
async function measure(target: Target, g: Generators, script: string): Promise<Run> {
  const before = await containerCpuSeconds(target.containerId);
  const w = wrkRate(`http://127.0.0.1:${target.port}/invocations`, g, script, 1);
  const used = (await containerCpuSeconds(target.containerId)) - before;
  return { rate: w.rate, cpuUs: (used / w.requests) * 1e6 };
}

/** One wrk per target, all at the same time: each side meets the same other work on the machine. */
async function measureTogether(targets: Target[], g: Generators, script: string): Promise<Run[]> {
  const before = await Promise.all(targets.map((t) => containerCpuSeconds(t.containerId)));
  const ws = await Promise.all(targets.map((t) => wrkRateAsync(`http://127.0.0.1:${t.port}/invocations`, g, script, 1)));
  const after = await Promise.all(targets.map((t) => containerCpuSeconds(t.containerId)));
  return ws.map((w, i) => ({ rate: w.rate, cpuUs: ((after[i]! - before[i]!) / w.requests) * 1e6 }));
}

export interface TimingCost {
  cpu: Estimate; // on/off ratio of server CPU per answer
  throughput: Estimate; // on/off ratio of requests/s
  cpuAA: Estimate;
  throughputAA: Estimate;
  inProcess: InProcess | undefined;
}

/**
 * The timing alone in one server process, in two regimes: dynamic batching on (16 connections share predict calls, as
 * served) and off (every request its own predict call, as under one connection). In each, the project's model and a null
 * model (MODEL=null: the model's first answer for every instance, without calling it, so the server's own work is all
 * that is left). The model's own time is noisy (tens of µs), the null model's is not: the timing's µs per answer are read
 * on the null model, and set against what an answer costs with the project's model in the same regime.
 */
type InProcess = Record<"modelBatched" | "modelSingle" | "nullBatched" | "nullSingle", OneProcess>;

interface OneProcess {
  us: Estimate; // on minus off, CPU µs per answer
  offUs: number; // CPU µs per answer with the timing off
  batchOn: number;
  batchOff: number;
}

export async function timingCost(
  targets: { onA: Target; off: Target; onB: Target },
  g: Generators,
  script: string,
  rounds: number,
  bodyFile: string,
  together: boolean,
): Promise<TimingCost> {
  say(`Server CPU from ${containerCpuSource(targets.off.containerId).replace(targets.off.containerId, "<id>")}.`);
  for (const t of Object.values(targets)) await measure(t, { ...g, seconds: Math.min(3, g.seconds) }, script); // warm-up
  const runs: Record<"onA" | "off" | "onB", Run[]> = { onA: [], off: [], onB: [] };
  say("| round | order | on A req/s | off req/s | on B req/s | on A CPU µs/req | off CPU µs/req | on B CPU µs/req | load (1 min) |");
  say("|---|---|---|---|---|---|---|---|---|");
  for (let round = 1; round <= rounds; round++) {
    const load = loadavg()[0]!.toFixed(1);
    const order = round % 2 ? (["onA", "off", "onB"] as const) : (["onB", "off", "onA"] as const);
    if (together) {
      const [a, off, b] = await measureTogether([targets.onA, targets.off, targets.onB], g, script);
      runs.onA.push(a!);
      runs.off.push(off!);
      runs.onB.push(b!);
    } else for (const side of order) runs[side].push(await measure(targets[side], g, script));
    const r = (side: keyof typeof runs) => runs[side][round - 1]!;
    say(
      `| ${round} | ${together ? "together" : order.map((s) => s.replace("on", "")).join(" ")} | ${r("onA").rate.toFixed(0)} | ${r("off").rate.toFixed(0)} | ` +
        `${r("onB").rate.toFixed(0)} | ${r("onA").cpuUs.toFixed(0)} | ${r("off").cpuUs.toFixed(0)} | ${r("onB").cpuUs.toFixed(0)} | ${load} |`,
    );
  }
  const per = (f: (i: number) => number) => runs.off.map((_, i) => f(i));
  const onCpu = (i: number) => (runs.onA[i]!.cpuUs + runs.onB[i]!.cpuUs) / 2;
  const onRate = (i: number) => (runs.onA[i]!.rate + runs.onB[i]!.rate) / 2;
  const result: TimingCost = {
    cpu: bootstrapMedian(per((i) => onCpu(i) / runs.off[i]!.cpuUs)),
    throughput: bootstrapMedian(per((i) => onRate(i) / runs.off[i]!.rate)),
    cpuAA: bootstrapMedian(per((i) => runs.onA[i]!.cpuUs / runs.onB[i]!.cpuUs)),
    throughputAA: bootstrapMedian(per((i) => runs.onA[i]!.rate / runs.onB[i]!.rate)),
    inProcess: undefined,
  };
  const offCpu = median(runs.off.map((r) => r.cpuUs));
  say(
    `\nmedians: server CPU per answer on A ${median(runs.onA.map((r) => r.cpuUs)).toFixed(0)} µs, off ${offCpu.toFixed(0)} µs, ` +
      `on B ${median(runs.onB.map((r) => r.cpuUs)).toFixed(0)} µs; requests/s on A ${median(runs.onA.map((r) => r.rate)).toFixed(0)}, ` +
      `off ${median(runs.off.map((r) => r.rate)).toFixed(0)}, on B ${median(runs.onB.map((r) => r.rate)).toFixed(0)}`,
  );
  say("\nThe timing alone, in one server process serving HTTP (timing_over_http.py: same model and sockets, on and off in turns):");
  try {
    result.inProcess = {
      modelBatched: inProcess(targets.onA, bodyFile, "on", "as served"),
      modelSingle: inProcess(targets.onA, bodyFile, "off", "as served"),
      nullBatched: inProcess(targets.onA, bodyFile, "on", "null"),
      nullSingle: inProcess(targets.onA, bodyFile, "off", "null"),
    };
  } catch (error) {
    say(`  could not run it: ${(error as Error).message.split("\n")[0]}`);
  }
  report(result);
  return result;
}

/**
 * timing_over_http.py in the "on A" container (its image and model): one server process serving HTTP to a client
 * in another process, the timing switched on and off between short blocks; its own CPU µs per answer, on minus off.
 * `batching` off gives every request its own predict call, so the batch size cannot differ between the sides;
 * `model` null answers with the model's first prediction without calling it (the server's own work only).
 */
function inProcess(target: Target, bodyFile: string, batching: "on" | "off", model: "as served" | "null"): OneProcess {
  const source = readFileSync(join(here, "timing_over_http.py"), "utf8");
  const env = ["-e", `STAGEMAKER_BATCHING=${batching}`, ...(model === "null" ? ["-e", "MODEL=null"] : [])];
  const out = execFileSync("docker", ["exec", "-i", ...env, target.containerId, "python", "-c", source], {
    input: readFileSync(bodyFile),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(out.trim().split("\n").pop()!) as {
    on_us: number;
    off_us: number;
    paired_differences_us: number[];
    batch_on: number;
    batch_off: number;
    requests_per_block: number;
    connections: number;
  };
  const us = bootstrapMedian(r.paired_differences_us);
  say(
    `  ${model === "null" ? "null model" : "the model"}, dynamic batching ${batching}, ${r.connections} connections, ${r.paired_differences_us.length} pairs of blocks of ${r.requests_per_block} answers: ` +
      `server CPU per answer on ${r.on_us.toFixed(1)} µs, off ${r.off_us.toFixed(1)} µs (medians); on minus off ${interval(us, (x) => `${x.toFixed(1)} µs`)}; ` +
      `mean batch on ${r.batch_on.toFixed(2)}, off ${r.batch_off.toFixed(2)} instances`,
  );
  return { us, offUs: r.off_us, batchOn: r.batch_on, batchOff: r.batch_off };
}

function report(r: TimingCost): void {
  const words = {
    within: "WITHIN the 2% budget",
    over: "OVER the 2% budget",
    undecided: "UNDECIDED at this noise (more rounds: BENCH_TIMING_ROUNDS)",
  };
  // A verdict between containers counts only when alike containers (the A/A control) agree within the budget.
  const judged = (cost: Estimate, aa: Estimate) =>
    aa.low < -BUDGET || aa.high > BUDGET
      ? "UNDECIDED: alike containers differ by more than the budget here (A/A interval); a quieter machine or more rounds"
      : words[verdict(cost, BUDGET)];
  const pair = (what: string, cost: Estimate, aa: Estimate) => {
    say(`- ${what}, on vs off: ${interval(cost, percent)} -> ${judged(cost, aa)}`);
    say(`  A/A control, on A vs on B: ${interval(aa, percent)}`);
  };
  say(`\n## verdict: the timing may cost under ${BUDGET * 100}%`);
  say("(above 0: timing on costs more; each interval is a bootstrap 95% interval of the median over rounds)");
  pair(
    "server CPU per answer",
    shift(r.cpu, (x) => x - 1),
    shift(r.cpuAA, (x) => x - 1),
  );
  pair(
    "requests/s lost",
    shift(r.throughput, (x) => 1 - x),
    shift(r.throughputAA, (x) => 1 - x),
  );
  if (r.inProcess) {
    const p = r.inProcess;
    const us = (e: Estimate) => interval(e, (x) => `${x.toFixed(1)} µs`);
    // Shown, not judged: here the batcher forms batches from how fast answers come back, so batch sizes (and with
    // them predict calls per answer) differ between the sides by more than the timing costs.
    const modelDirect = shift(p.modelBatched.us, (x) => x / p.modelBatched.offUs);
    say(
      `- in one server process, the project's model, batching on, on minus off: ${us(p.modelBatched.us)} per answer = ` +
        `${interval(modelDirect, (x) => percent(x, 2))} of ${p.modelBatched.offUs.toFixed(0)} µs (no verdict: mean batch on ` +
        `${p.modelBatched.batchOn.toFixed(2)}, off ${p.modelBatched.batchOff.toFixed(2)}, and a side with smaller batches pays more ` +
        `predict calls per answer whatever the timing costs; the null model below has no model time to differ)`,
    );
    for (const [regime, nul, model] of [
      ["batching on (16 connections share predict calls, as served)", p.nullBatched, p.modelBatched],
      ["batching off (every request its own predict call, as under one connection)", p.nullSingle, p.modelSingle],
    ] as const) {
      const ofModel = shift(nul.us, (x) => x / model.offUs);
      const ofNull = shift(nul.us, (x) => x / nul.offUs);
      say(
        `- ${regime}: the timing costs ${us(nul.us)} per answer (null model, mean batch on ${nul.batchOn.toFixed(2)}, off ` +
          `${nul.batchOff.toFixed(2)}) = ${interval(ofModel, (x) => percent(x, 2))} of the ${model.offUs.toFixed(0)} µs an answer of ` +
          `this project's model costs -> ${words[verdict(ofModel, BUDGET)]}; ${interval(ofNull, (x) => percent(x, 2))} of the ` +
          `${nul.offUs.toFixed(0)} µs of a model that costs nothing -> ${words[verdict(ofNull, BUDGET)]}; within 2% for any model whose ` +
          `answers cost the server over ${(nul.us.high / BUDGET).toFixed(0)} µs`,
      );
    }
  }
}

/** An estimate through a monotonic map (an increasing one keeps low <= high; a decreasing one swaps them). */
function shift(e: Estimate, f: (x: number) => number): Estimate {
  const [low, high] = [f(e.low), f(e.high)].sort((a, b) => a - b) as [number, number];
  return { median: f(e.median), low, high, n: e.n };
}
