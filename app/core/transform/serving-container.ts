// Starts an image as SageMaker does (`serve`) for a job of ours: a transform or a pipeline step (checks use only modelDirOf).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { type Manifest, StagemakerError } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { removeContainer } from "../containers/stop-container";
import { waitHealthy } from "../containers/wait-healthy";

export interface ServingOptions {
  image: string;
  env: string[];
  labels: Record<string, string>;
  /** The port the server listens on inside (8080, or SAGEMAKER_BIND_TO_PORT when set in env). */
  containerPort?: number;
  /** Host folder mounted read-only at /opt/ml/model. */
  modelDir?: string;
  memoryBytes?: number;
  healthTimeoutMs: number;
  name?: string;
  signal?: AbortSignal;
  onWaiting?: (elapsedMs: number, lastPing: string) => void;
}

export interface ServingContainer {
  container: Docker.Container;
  hostPort: number;
  startupMs: number;
  stop(graceSeconds?: number): Promise<void>;
}

export async function startServing(docker: Docker, o: ServingOptions): Promise<ServingContainer> {
  const port = `${o.containerPort ?? 8080}/tcp`;
  if (!(await docker.getImage(o.image).inspect().catch(() => null))) {
    throw new StagemakerError("not-found", `The image ${o.image} does not exist yet. Build the project first (stagemaker build).`);
  }
  const container = await docker.createContainer({
    name: o.name,
    Image: o.image,
    Cmd: ["serve"],
    Env: o.env,
    Labels: { "com.stagemaker.managed": "true", ...o.labels },
    ExposedPorts: { [port]: {} },
    HostConfig: {
      PortBindings: { [port]: [{ HostIp: "127.0.0.1", HostPort: "" }] },
      Mounts: o.modelDir ? [{ Type: "bind", Source: o.modelDir, Target: "/opt/ml/model", ReadOnly: true }] : [],
      ...(o.memoryBytes ? { Memory: o.memoryBytes, MemorySwap: o.memoryBytes } : {}),
    },
    StopTimeout: 30,
  });
  const stop = (grace = 30) => removeContainer(container, grace);
  const started = Date.now();
  try {
    await container.start();
    const info = await container.inspect();
    const hostPort = Number(info.NetworkSettings.Ports?.[port]?.[0]?.HostPort);
    if (!hostPort) {
      const reason = `The container exited at once (code ${info.State.ExitCode}).`;
      throw new StagemakerError("run-failed", `${o.image}: ${reason}`, { containerId: container.id, exitCode: info.State.ExitCode, reason, lastLogs: await lastLogLines(docker, container) });
    }
    const outcome = await waitHealthy(container, { docker, port: hostPort, limitMs: o.healthTimeoutMs, onWaiting: o.onWaiting ?? (() => undefined), signal: o.signal });
    if (!outcome.ok) {
      throw new StagemakerError("run-failed", `${o.image}: ${outcome.reason}`, { containerId: container.id, exitCode: outcome.exitCode, reason: outcome.reason, lastLogs: await lastLogLines(docker, container) });
    }
    return { container, hostPort, startupMs: Date.now() - started, stop };
  } catch (err) {
    await stop(0).catch(() => undefined);
    throw err;
  }
}

/** The project's artifacts folder, when the image does not carry them itself. */
export async function modelDirOf(projectDir: string, manifest: Manifest): Promise<string | undefined> {
  if (manifest.bakeArtifacts) return undefined;
  const dir = join(projectDir, "artifacts");
  await mkdir(dir, { recursive: true });
  return dir;
}
