// The `failed` run state of a kept container: one-line reason, what to do, the last log lines.
import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { lastLogLines } from "./container-logs";
import { failureHint } from "./failure-reason";
import type { HealthOutcome } from "./wait-healthy";

export async function failedState(
  docker: Docker,
  container: Docker.Container,
  outcome: Extract<HealthOutcome, { ok: false }>,
  hostPort?: number,
): Promise<Extract<ContainerState, { state: "failed" }>> {
  const lastLogs = await lastLogLines(docker, container);
  const imageId = (await container.inspect().catch(() => undefined))?.Image;
  const hint = failureHint(outcome.reason, lastLogs, { loadFailed: outcome.loadFailed });
  return {
    state: "failed",
    containerId: container.id,
    ...(hostPort ? { hostPort } : {}),
    ...(imageId ? { imageId } : {}),
    exitCode: outcome.exitCode,
    reason: outcome.reason,
    ...(hint ? { hint } : {}),
    lastLogs,
  };
}
