// What the project's container is doing right now, as one of the contract's run states.
import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { exitedState, failedState } from "./failed-state";
import { loadFailureReason } from "../containers/failure-reason";
import { findProjectContainers, hostPortOf } from "../containers/labels";
import { ping } from "../serving/ping";

/**
 * Found by label (works after an app restart). A running container whose server says its
 * predictor failed to load is `failed`, not `starting`: it will not get better by waiting.
 * `reloading` is known only to the process doing the reload, so the caller passes it in.
 */
export async function containerStatus(docker: Docker, projectDir: string, { reloading = false } = {}): Promise<ContainerState> {
  const [latest] = await findProjectContainers(docker, projectDir);
  if (!latest) return { state: "stopped" };
  const container = docker.getContainer(latest.Id);
  const info = await container.inspect();
  const hostPort = hostPortOf(info);
  if (info.State.Running && hostPort) {
    if (reloading) return { state: "reloading", containerId: info.Id, hostPort };
    const answer = await ping(hostPort, 1000);
    if (answer.status === 200) return { state: "healthy", containerId: info.Id, hostPort, image: info.Config.Image, imageId: info.Image };
    if (answer.notReady?.failed)
      return failedState(docker, container, {
        exitCode: null,
        reason: loadFailureReason(answer.notReady.message),
        loadFailed: true,
        hostPort,
      });
    return { state: "starting", containerId: info.Id, hostPort };
  }
  return exitedState(docker, container, info);
}
