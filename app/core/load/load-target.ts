// The only thing a load test may send to: the project's own running container, through its port
// published on this machine's loopback address. No host can be given, so no other address is reachable.
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { findProjectContainers, hostPortOf } from "../containers/labels";

export interface LoadTarget {
  containerId: string;
  /** http://127.0.0.1:PORT, always loopback. */
  base: string;
  image: string;
  imageId: string | null;
  workers: number;
}

export async function findLoadTarget(docker: Docker, projectDir: string): Promise<LoadTarget> {
  const running = (await findProjectContainers(docker, projectDir)).find((c) => c.State === "running");
  if (!running) {
    throw new StagemakerError(
      "not-running",
      "The project has no running container to load. Start it with Run (or `stagemaker run DIR`), then run the load test again.",
    );
  }
  const info = await docker.getContainer(running.Id).inspect();
  const port = hostPortOf(info);
  if (!port)
    throw new StagemakerError(
      "not-running",
      "The project's container publishes no port for 8080. Stop it and Run again, so Stagemaker publishes one on 127.0.0.1.",
    );
  const env = info.Config.Env ?? [];
  const workersValue = env.find((e) => e.startsWith("SAGEMAKER_MODEL_SERVER_WORKERS="))?.split("=")[1];
  const workers = Math.max(1, Number.parseInt(workersValue ?? "1", 10) || 1);
  return { containerId: running.Id, base: `http://127.0.0.1:${port}`, image: info.Config.Image, imageId: info.Image || null, workers };
}
