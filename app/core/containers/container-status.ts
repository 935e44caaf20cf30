import type Docker from "dockerode";
import type { ContainerState } from "../../contract";
import { failedState } from "./failed-state";
import { findProjectContainers, hostPortOf } from "./labels";
import { ping } from "./ping";

/** What the project's container is doing right now, found by label (works after an app restart). */
export async function containerStatus(docker: Docker, projectDir: string): Promise<ContainerState> {
  const [latest] = await findProjectContainers(docker, projectDir);
  if (!latest) return { state: "stopped" };
  const container = docker.getContainer(latest.Id);
  const info = await container.inspect();
  const hostPort = hostPortOf(info);
  if (info.State.Running && hostPort) {
    const answer = await ping(hostPort, 1000);
    if (answer.status === 200) return { state: "healthy", containerId: info.Id, hostPort, image: info.Config.Image };
    return { state: "starting", containerId: info.Id, hostPort };
  }
  return failedState(docker, container, { exitCode: info.State.ExitCode, reason: `The container is not running (exit code ${info.State.ExitCode}).` });
}
