import { type BuildResult, type ContainerState, type EngineStatus, type EventOf, formatBytes, type InvocationResult } from "../contract";

/** Human-readable lines for progress (stderr) and results (stdout). */
/** Under a megabyte as the app shows it ("12.3 kB"); above, "N.N MB" as scripts reading these lines have seen since the start. */
export const mb = (bytes: number) => (bytes < 1e6 ? formatBytes(bytes) : `${(bytes / 1_000_000).toFixed(1)} MB`);
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function buildEventLine(e: EventOf<"build.run">, verbose: boolean): string | undefined {
  switch (e.type) {
    case "context":
      return `Sending build context: ${e.files} files, ${mb(e.bytes)}`;
    case "step":
      return `Step ${e.index}/${e.total}: ${e.instruction}`;
    case "step-done":
      return `  ${e.cached ? "cached" : "done"} in ${secs(e.durationMs)}`;
    case "log":
      return verbose ? `    ${e.line}` : undefined;
  }
}

export function runEventLine(e: EventOf<"run.start">): string | undefined {
  switch (e.type) {
    case "created":
      return `Container ${e.containerId.slice(0, 12)} started, 8080 published on 127.0.0.1:${e.hostPort}`;
    case "waiting":
      return `Waiting for /ping = 200: ${secs(e.elapsedMs)} of ${secs(e.limitMs)} (last: ${e.lastPing})`;
    case "log":
      return `  [${e.stream}] ${e.line}`;
    case "notice":
      return e.message;
  }
}

export function buildResultText(r: BuildResult): string {
  return `Built ${r.tag} (${mb(r.sizeBytes)}) in ${secs(r.durationMs)}; ${r.cachedSteps}/${r.steps} steps from cache.`;
}

export function containerStateText(s: ContainerState): string {
  switch (s.state) {
    case "stopped":
      return "stopped";
    case "starting":
      return `starting on http://127.0.0.1:${s.hostPort} (not answering /ping yet)`;
    case "reloading":
      return `reloading on http://127.0.0.1:${s.hostPort} (the server restarts with the saved code)`;
    case "healthy":
      return `healthy on http://127.0.0.1:${s.hostPort}${s.startupMs !== undefined ? ` (ready in ${secs(s.startupMs)})` : ""}`;
    case "failed":
      return [
        ...(s.lastLogs.length ? ["Last log lines:", ...s.lastLogs.map((l) => `  ${l}`)] : []),
        `failed: ${s.reason}${s.exitCode !== null && !s.reason.includes(`code ${s.exitCode}`) ? ` Exit code ${s.exitCode}.` : ""}`,
        ...(s.hint ? [`What to do: ${s.hint}`] : []),
        ...(s.containerId
          ? ["The container is kept for its log (`stagemaker logs DIR`); `stagemaker reload DIR` after a fix, or `stagemaker stop DIR`."]
          : []),
      ].join("\n");
  }
}

export function engineText(s: EngineStatus): string {
  if (s.state === "reachable")
    return `Docker engine running: ${s.version} (API ${s.apiVersion}, ${s.os}/${s.arch}) at ${s.host} [${s.source}]`;
  return `Docker engine not reachable at ${s.host} [${s.source}]: ${s.reason}\n${s.hint}`;
}

export function invocationSummary(r: InvocationResult): string {
  if (r.failure) return `No answer (${r.failure.kind}): ${r.failure.message} after ${r.timings.totalMs} ms`;
  const size = r.truncated ? `${r.bodyBytes} bytes, shown cut` : `${r.bodyBytes} bytes`;
  return `HTTP ${r.status} ${r.headers["content-type"] ?? ""} ${size}; ${r.timings.totalMs} ms total, ${r.timings.ttfbMs ?? "-"} ms to first byte`;
}
