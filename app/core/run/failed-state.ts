// The "failed" run state, built in one place: one-line reason, what to do, the container's last log lines.
import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { exitedReason, failureHint } from "../containers/failure-reason";

export type FailedState = Extract<ContainerState, { state: "failed" }>;

export interface FailedFacts {
  exitCode: number | null;
  reason: string;
  /** The server said its predictor failed to load (not an exit or a timeout). */
  loadFailed?: boolean;
  hostPort?: number;
  /** false when the container is about to be removed (it failed to start at all). */
  keepId?: boolean;
}

export async function failedState(
  docker: Docker,
  container: Docker.Container,
  { exitCode, reason, loadFailed, hostPort, keepId = true }: FailedFacts,
): Promise<FailedState> {
  const lastLogs = loadFailed ? await linesWithTraceback(docker, container, reason) : await lastLogLines(docker, container);
  const imageId = keepId ? (await container.inspect().catch(() => undefined))?.Image : undefined;
  const hint = failureHint(reason, lastLogs, { loadFailed });
  return {
    state: "failed",
    ...(keepId ? { containerId: container.id } : {}),
    ...(hostPort ? { hostPort } : {}),
    ...(imageId ? { imageId } : {}),
    exitCode,
    reason,
    ...(hint ? { hint } : {}),
    lastLogs,
  };
}

/** A container that has exited: its exit code and why, from the engine's state and its last lines. */
export async function exitedState(docker: Docker, container: Docker.Container, info: Docker.ContainerInspectInfo): Promise<FailedState> {
  const lastLogs = await lastLogLines(docker, container);
  return failedState(docker, container, {
    exitCode: info.State.ExitCode,
    reason: exitedReason(info.State.ExitCode, info.State.OOMKilled, lastLogs),
  });
}

/**
 * The server answers "failed" as soon as it knows; its traceback reaches the engine's log a moment
 * later. Wait for the exception's line to show (at most a second), so the last lines explain it.
 */
async function linesWithTraceback(docker: Docker, container: Docker.Container, reason: string): Promise<string[]> {
  const exception = reason.replace(/^The predictor failed to load: /, "").split(":")[0]!;
  const until = Date.now() + 1000;
  for (;;) {
    const lines = await lastLogLines(docker, container);
    if (Date.now() > until || lines.some((l) => l.startsWith(exception) || l.includes("Traceback"))) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}
