// The cost of the server's Server-Timing: two containers of the project's image started the same way by this
// bench (same environment, the same model data mounted, same cpuset), one with STAGEMAKER_SERVER_TIMING=on and
// one with =off, loaded in turn by wrk; plus the timing code's own CPU per request by timeit inside the image.
import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { type Generators, type Target, wrk } from "./generators";
import { interleave, median, type Results, summarize } from "./interleave";

const say = (line: string) => process.stdout.write(line + "\n");

/** A container of `image` answering /ping on a loopback port; its id is pushed to `started` for clean-up. */
export async function startServer(
  image: string,
  env: string[],
  artifacts: string,
  cpuset: string | undefined,
  label: string,
  started: string[],
): Promise<Target> {
  const container = await new Docker().createContainer({
    Image: image,
    Cmd: ["serve"],
    Env: env,
    Labels: { "com.stagemaker.bench": label },
    HostConfig: {
      Binds: [`${artifacts}:/opt/ml/model:ro`],
      PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
      ...(cpuset ? { CpusetCpus: cpuset } : {}),
    },
  });
  started.push(container.id);
  await container.start();
  const port = Number((await container.inspect()).NetworkSettings.Ports["8080/tcp"]![0]!.HostPort);
  for (let i = 0; i < 600; i++) {
    // Docker's proxy may hold a connection it cannot forward yet: a ref'd timer ends each try (and keeps Node alive).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 2000);
    const ok = await fetch(`http://127.0.0.1:${port}/ping`, { signal: abort.signal }).then(
      (r) => r.ok,
      () => false,
    );
    clearTimeout(timer);
    if (ok) return { port, containerId: container.id };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the container (${label}) did not answer /ping within 2 minutes`);
}

/** Run inside the image (timing on): µs per request that server/timing.py adds around a bare batch runner. */
const TIMEIT = `
import time
import timeit
from server import timing
from server.context import InvocationContext
class Job:
    def __init__(self, context):
        self.context, self.size = context, 1
bare = lambda jobs: [None] * len(jobs)
timed = timing.timed(bare)
assert timing.ENABLED
def with_timing():
    context = InvocationContext()
    t = timing.begin(context, timing.now())
    timed([Job(context)])
    t.header()
def without():
    bare([Job(InvocationContext())])
n = 20000
a = min(timeit.repeat(with_timing, number=n, repeat=5, timer=time.process_time)) / n
b = min(timeit.repeat(without, number=n, repeat=5, timer=time.process_time)) / n
print((a - b) * 1e6)
`;

/**
 * Rounds of on A, off, on B (and back): A and B are two containers with timing on, started before and after the
 * off one, so "on A / on B" shows what two alike containers differ by on this machine (an A/A control) beside
 * the on/off difference.
 */
export async function timingCost(
  targets: { onA: Target; off: Target; onB: Target },
  g: Generators,
  script: string,
  rounds: number,
): Promise<{ results: Results; throughputCost: number; cpuCost: number; timeitUs: number }> {
  for (const t of Object.values(targets)) await wrk(t, { ...g, seconds: Math.min(3, g.seconds) }, script, 1); // warm-up, not counted
  const results = await interleave(rounds, [
    { name: "timing on A", run: () => wrk(targets.onA, g, script, 1) },
    { name: "timing off", run: () => wrk(targets.off, g, script, 1) },
    { name: "timing on B", run: () => wrk(targets.onB, g, script, 1) },
  ]);
  summarize(results, [
    ["timing on A", "timing off"],
    ["timing on B", "timing off"],
    ["timing on A", "timing on B"],
  ]);
  // Per round: the mean of the four "on" repetitions over the mean of the two "off" ones.
  const sum = (name: string, i: number) => results[name]![i]!.rate + results[name]![i + 1]!.rate;
  const ratios: number[] = [];
  for (let i = 0; i + 1 < results["timing off"]!.length; i += 2)
    ratios.push((sum("timing on A", i) + sum("timing on B", i)) / 2 / sum("timing off", i));
  const ratio = median(ratios);
  const cpuOf = (name: string) => results[name]!.map((r) => Number(r.notes!["server CPU µs/req"]));
  const cpuOn = median([...cpuOf("timing on A"), ...cpuOf("timing on B")]);
  const cpuOff = median(cpuOf("timing off"));
  const cpuCost = (cpuOn / cpuOff - 1) * 100;
  const timeitUs = Number(execFileSync("docker", ["exec", targets.onA.containerId, "python", "-c", TIMEIT], { encoding: "utf8" }).trim());
  say(
    `\nthroughput, on (A and B) / off: per round ${ratios.map((r) => r.toFixed(3)).join(", ")}; median ${ratio.toFixed(3)}: ` +
      `the timing costs ${((1 - ratio) * 100).toFixed(1)}% of throughput (negative: on was faster; compare the A/B spread)`,
  );
  say(`median server CPU per request: on ${cpuOn.toFixed(0)} µs, off ${cpuOff.toFixed(0)} µs: ${cpuCost.toFixed(1)}% more with timing on`);
  say(
    `timing code per request (timeit on CPU time in the container, best of 5): ${timeitUs.toFixed(2)} µs = ` +
      `${((timeitUs / cpuOff) * 100).toFixed(3)}% of the server CPU a request costs with timing off`,
  );
  return { results, throughputCost: (1 - ratio) * 100, cpuCost, timeitUs };
}
