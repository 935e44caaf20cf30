// The "failed" run state, built in one place: one-line reason, what to do, the container's last log lines.
import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { lastLogLines } from "./container-logs";
import { failureHint } from "./failure-reason";

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

export async function failedState(docker: Docker, container: Docker.Container, { exitCode, reason, loadFailed, hostPort, keepId = true }: FailedFacts): Promise<FailedState> {
  const lastLogs = await lastLogLines(docker, container);
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
