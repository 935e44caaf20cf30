// The container's CPU and memory while a step runs, from the engine's stats stream (what `docker stats` shows).
import type Docker from "dockerode";
import type { ContainerUsage } from "../../contract";

interface StatsSample {
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number } };
}

/** docker stats' CPU %: the container's share of the host's CPU time since the previous sample, × cores. */
export function cpuPercent(s: StatsSample): number | null {
  const cpu = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const system = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cores = s.cpu_stats?.online_cpus ?? 1;
  if (system <= 0 || cpu < 0 || !s.precpu_stats?.system_cpu_usage) return null;
  return (cpu / system) * cores * 100;
}

/** docker stats' memory: usage less the page cache it may drop. */
export function memoryBytes(s: StatsSample): number | null {
  const m = s.memory_stats;
  if (!m?.usage) return null;
  const cache = m.stats?.inactive_file ?? m.stats?.total_inactive_file ?? m.stats?.cache ?? 0;
  return Math.max(0, m.usage - cache);
}

export interface UsageWatch {
  /** Ends the watch and summarises the samples taken since start (null: the engine gave none). */
  stop(): ContainerUsage | null;
}

/** Starts sampling (the engine sends one sample a second); never throws: a step runs without usage figures rather than fail. */
export async function watchUsage(docker: Docker, containerId: string): Promise<UsageWatch> {
  const cpus: number[] = [];
  let memoryMax = 0;
  let stream: NodeJS.ReadableStream | undefined;
  try {
    stream = (await docker.getContainer(containerId).stats({ stream: true })) as unknown as NodeJS.ReadableStream;
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        try {
          const sample = JSON.parse(line) as StatsSample;
          const cpu = cpuPercent(sample);
          if (cpu !== null) cpus.push(cpu);
          memoryMax = Math.max(memoryMax, memoryBytes(sample) ?? 0);
        } catch {
          // a torn line: the next sample comes in a second
        }
      }
    });
    stream.on("error", () => undefined);
  } catch {
    stream = undefined;
  }
  return {
    stop() {
      (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
      if (cpus.length === 0 && memoryMax === 0) return null;
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        samples: cpus.length,
        cpuPercentMean: r(cpus.reduce((a, b) => a + b, 0) / Math.max(1, cpus.length)),
        cpuPercentMax: r(Math.max(0, ...cpus)),
        memoryMbMax: r(memoryMax / 1024 / 1024),
      };
    },
  };
}
