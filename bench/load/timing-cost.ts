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

export async function timingCost(
  targets: { on: Target; off: Target },
  g: Generators,
  script: string,
  rounds: number,
): Promise<{ results: Results; throughputCost: number; cpuCost: number; timeitUs: number }> {
  for (const t of [targets.on, targets.off]) await wrk(t, { ...g, seconds: Math.min(3, g.seconds) }, script, 1); // warm-up, not counted
  const results = await interleave(rounds, [
    { name: "timing on", run: () => wrk(targets.on, g, script, 1) },
    { name: "timing off", run: () => wrk(targets.off, g, script, 1) },
  ]);
  const ratio = summarize(results, [["timing on", "timing off"]])["timing on / timing off"]!;
  const cpu = (name: string) => median(results[name]!.map((r) => Number(r.notes!["server CPU µs/req"])));
  const cpuCost = (cpu("timing on") / cpu("timing off") - 1) * 100;
  const timeitUs = Number(execFileSync("docker", ["exec", targets.on.containerId, "python", "-c", TIMEIT], { encoding: "utf8" }).trim());
  say(`\nthroughput cost of the timing (1 − median per-round ratio on/off): ${((1 - ratio) * 100).toFixed(1)}%`);
  say(`median server CPU per request: on ${cpu("timing on")} µs, off ${cpu("timing off")} µs: ${cpuCost.toFixed(1)}% more with timing on`);
  say(
    `timing code per request (timeit on CPU time in the container, best of 5): ${timeitUs.toFixed(2)} µs = ` +
      `${((timeitUs / cpu("timing off")) * 100).toFixed(3)}% of the server CPU a request costs with timing off`,
  );
  return { results, throughputCost: (1 - ratio) * 100, cpuCost, timeitUs };
}
