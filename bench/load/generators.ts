// The two load generators the bench compares, set up to send the same thing: the same body bytes (wrk reads
// the file the CLI sends, no re-encoding), the same Content-Type, HTTP/1.1 keep-alive, one request in flight per
// connection (autocannon's pipelining 1 = wrk's), the same connection count and duration. Each repetition also
// reports what the generator itself cost in CPU (its process's user+system time, from our children's times in
// /proc/self/stat), so a generator starved of CPU or eating the server's shows.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import Docker from "dockerode";
import type { Repetition } from "./interleave";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds used so far by the children we waited for (cutime + cstime). */
export function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** Where the kernel counts a container's CPU time, when this host shows Docker's cgroups (v1 or v2). */
function cgroupCpuFile(containerId: string): { path: string; read: (text: string) => number } | undefined {
  const v1 = { read: (t: string) => Number(t.trim()) / 1e9 }; // cpuacct.usage: nanoseconds
  const v2 = { read: (t: string) => Number(/^usage_usec (\d+)/m.exec(t)?.[1]) / 1e6 }; // cpu.stat: microseconds
  const candidates = [
    { path: `/sys/fs/cgroup/cpuacct/docker/${containerId}/cpuacct.usage`, ...v1 },
    { path: `/sys/fs/cgroup/cpu,cpuacct/docker/${containerId}/cpuacct.usage`, ...v1 },
    { path: `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/cpu.stat`, ...v2 },
    { path: `/sys/fs/cgroup/docker/${containerId}/cpu.stat`, ...v2 },
  ];
  return candidates.find((c) => existsSync(c.path));
}

/**
 * The container's CPU time (seconds) so far: read from its cgroup file when this host shows it (instant, no
 * work for the engine between rounds), else from `docker stats` (which waits for a sample, and costs dockerd).
 */
export async function containerCpuSeconds(containerId: string): Promise<number> {
  const file = cgroupCpuFile(containerId);
  if (file) return file.read(readFileSync(file.path, "utf8"));
  const s = (await new Docker().getContainer(containerId).stats({ stream: false })) as {
    cpu_stats: { cpu_usage: { total_usage: number } };
  };
  return s.cpu_stats.cpu_usage.total_usage / 1e9;
}

/** Where a container's CPU figure comes from on this host, for the bench's notes. */
export const containerCpuSource = (containerId: string) =>
  cgroupCpuFile(containerId)?.path ?? "docker stats (no cgroup file readable here)";

export interface Target {
  port: number;
  containerId: string;
}

export interface Generators {
  /** Prefix for the generator's command (`taskset -c 0` when pinned). */
  pin: string[];
  seconds: number;
  connections: number;
  /** Per request, for both: wrk's default is 2 s, the CLI's 10 s. */
  timeoutSeconds: number;
  bodyFile: string;
  contentType: string;
}

/** A wrk script that sends the body file's bytes as they are, with the CLI's Content-Type. */
export function wrkScript(path: string, g: Generators): string {
  writeFileSync(
    path,
    [
      `local f = assert(io.open(${JSON.stringify(g.bodyFile)}, "rb"))`,
      "wrk.body = f:read('*a')",
      "f:close()",
      'wrk.method = "POST"',
      `wrk.headers["Content-Type"] = ${JSON.stringify(g.contentType)}`,
      "",
    ].join("\n"),
  );
  return path;
}

function run(command: string, args: string[], g: Generators, env?: NodeJS.ProcessEnv): { out: string; cpu: number } {
  const [bin, ...rest] = [...g.pin, command, ...args];
  const before = childrenCpuSeconds();
  const out = execFileSync(bin!, rest, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  return { out, cpu: childrenCpuSeconds() - before };
}

/** Runs `measure` and notes the container's CPU per request and the generator's CPU beside its rate. */
async function withCpu(
  target: Target,
  measure: () => { rate: number; seconds: number; requests?: number; cpu: number; notes?: Record<string, string> },
) {
  const before = await containerCpuSeconds(target.containerId);
  const m = measure();
  const server = (await containerCpuSeconds(target.containerId)) - before;
  const requests = m.requests ?? m.rate * m.seconds;
  return {
    rate: m.rate,
    notes: {
      ...m.notes,
      "server CPU µs/req": ((server / requests) * 1e6).toFixed(0),
      "generator CPU µs/req": ((m.cpu / requests) * 1e6).toFixed(0),
      "generator cores": (m.cpu / m.seconds).toFixed(2),
    },
  } satisfies Repetition;
}

const wrkArgs = (url: string, g: Generators, script: string, threads: number) => [
  ...["-t", String(threads), "-c", String(g.connections), "-d", `${g.seconds}s`, "--timeout", `${g.timeoutSeconds}s`],
  ...["-s", script, url],
];

/** wrk's requests/s at `url`; non-2xx answers or socket errors fail the bench (the CLI's figure counts only 2xx). */
export function wrkRate(url: string, g: Generators, script: string, threads: number): WrkRate {
  const { out, cpu } = run("wrk", wrkArgs(url, g, script, threads), g);
  return { ...readWrk(out, g), cpu };
}

/** wrkRate without waiting: several can run at once (their CPU is not told apart, so it is left out). */
export async function wrkRateAsync(url: string, g: Generators, script: string, threads: number): Promise<Omit<WrkRate, "cpu">> {
  const [bin, ...rest] = [...g.pin, "wrk", ...wrkArgs(url, g, script, threads)];
  const { stdout } = await promisify(execFile)(bin!, rest, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return readWrk(stdout, g);
}

function readWrk(out: string, g: Generators): Omit<WrkRate, "cpu"> {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
  // wrk counts an answer slower than --timeout in its rate and as a "timeout" (it keeps the connection); the CLI
  // drops it (autocannon resets the connection). Both are noted; connect/read/write errors and non-2xx fail the bench.
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  if (!rate || /Non-2xx/.test(out) || (socket && Number(socket[1]) + Number(socket[2]) + Number(socket[3]) > 0))
    throw new Error(`wrk did not measure clean answers:\n${out}`);
  // wrk's own count and duration (it divides one by the other), for CPU per request.
  const took = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  const seconds = took ? Number(took[2]) / (took[3] === "ms" ? 1000 : 1) : g.seconds;
  const requests = took ? Number(took[1]) : Number(rate) * seconds;
  return { rate: Number(rate), seconds, requests, timeouts: Number(socket?.[4] ?? 0) };
}

/** wrk against the container, with the CPU figures. */
export function wrk(target: Target, g: Generators, script: string, threads: number): Promise<Repetition> {
  return withCpu(target, () => {
    const w = wrkRate(`http://127.0.0.1:${target.port}/invocations`, g, script, threads);
    const notes: Record<string, string> = w.timeouts ? { timeouts: String(w.timeouts) } : {};
    return { ...w, notes };
  });
}

export interface WrkRate {
  rate: number;
  seconds: number;
  /** Answers counted (wrk's "N requests in"). */
  requests: number;
  cpu: number;
  timeouts: number;
}

interface LoadJson {
  value: {
    steps: {
      requestsPerSecond: number;
      durationMs: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      server: { batchSize: number } | null;
    }[];
  };
}

/** `stagemaker load DIR --concurrency N --duration Ss --data @FILE`, through the CLI as a user runs it. */
export function stagemakerLoad(
  target: Target,
  g: Generators,
  projectDir: string,
  env: NodeJS.ProcessEnv,
  startupCpu: number,
): Promise<Repetition> {
  return withCpu(target, () => {
    const args = ["bin/stagemaker.mjs", "--json", "load", projectDir, "--concurrency", String(g.connections)];
    const more = ["--duration", `${g.seconds}s`, "--timeout", String(g.timeoutSeconds), "--data", `@${g.bodyFile}`];
    const { out, cpu } = run("node", [...args, ...more], g, env);
    const step = (JSON.parse(out) as LoadJson).value.steps[0]!;
    if (step.errors + step.non2xx > 0) throw new Error(`stagemaker load had errors: ${JSON.stringify(step)}`);
    return {
      rate: step.requestsPerSecond,
      seconds: step.durationMs / 1000,
      // The CLI's process less its start-up (Node, the bundle check, Docker look-ups), measured apart.
      cpu: Math.max(0, cpu - startupCpu),
      notes: { batch: String(step.server?.batchSize ?? "-"), ...(step.timeouts ? { timeouts: String(step.timeouts) } : {}) },
    };
  });
}
