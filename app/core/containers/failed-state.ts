// The "failed" container state, built in one place with the container's last log lines.
import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { lastLogLines } from "./container-logs";

export type FailedState = Extract<ContainerState, { state: "failed" }>;

/** `keepId: false` when the container is about to be removed (it failed to start at all). */
export async function failedState(
  docker: Docker,
  container: Docker.Container,
  { exitCode, reason, keepId = true }: { exitCode: number | null; reason: string; keepId?: boolean },
): Promise<FailedState> {
  const lastLogs = await lastLogLines(docker, container);
  return { state: "failed", ...(keepId ? { containerId: container.id } : {}), exitCode, reason, lastLogs };
}
