// Waiting for /ping after a start or a reload, told as the run state it ends in: healthy with how long
// it took, or failed with the reason and the log (the container kept, so Restart, Reload code and Stop work).
import type Docker from "dockerode";
import type { ContainerState, RunEvent } from "../../contract";
import { waitHealthy } from "../serving/wait-healthy";
import { failedState } from "./failed-state";

export interface HealthStateWait {
  hostPort: number;
  limitMs: number;
  emit: (e: RunEvent) => void;
  signal?: AbortSignal;
  /** After a reload: the old server's id, whose 200 does not count. */
  notServerId?: string;
  /** When the start (or the reload's signal) began: startupMs counts from here. */
  started: number;
  image: string;
  imageId: string;
}

export async function healthState(
  docker: Docker,
  container: Docker.Container,
  { hostPort, limitMs, emit, signal, notServerId, started, image, imageId }: HealthStateWait,
): Promise<ContainerState> {
  const onWaiting = (elapsedMs: number, lastPing: string) => emit({ type: "waiting", elapsedMs, limitMs, lastPing });
  const outcome = await waitHealthy(container, { docker, port: hostPort, limitMs, onWaiting, signal, notServerId });
  if (outcome.ok) return { state: "healthy", containerId: container.id, hostPort, startupMs: Date.now() - started, image, imageId };
  // failedState waits for a load failure's traceback to reach the log, so a followed log carries it too.
  return failedState(docker, container, { ...outcome, hostPort });
}
