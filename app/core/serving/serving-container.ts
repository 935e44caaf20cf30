// Starts a project's image as SageMaker does (`serve`) for a job of ours: a batch transform or a pipeline step.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { type Manifest, StagemakerError } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { projectImage } from "../build/project-image";
import { needsReadOverride } from "../containers/host-files";
import { newContainer } from "../containers/start-container";
import { removeContainer } from "../containers/stop-container";
import { waitHealthy } from "./wait-healthy";

export interface ServingOptions {
  /** transform: a job's own server; pipeline: a step of a pipeline. */
  kind: "transform" | "pipeline";
  /** The project whose image runs (checked to be its own by its labels). */
  project: { dir: string; manifest: Manifest };
  env: string[];
  labels: Record<string, string>;
  /** The port the server listens on inside (8080, or SAGEMAKER_BIND_TO_PORT when set in env). */
  containerPort?: number;
  /** Host folder mounted read-only at /opt/ml/model. */
  modelDir?: string;
  /** A pipeline the person started may outlive the app when they asked for that; a job's never does. */
  lasting?: boolean;
  healthTimeoutMs: number;
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
  const { dir, manifest } = o.project;
  await projectImage(docker, dir, manifest);
  const image = manifest.imageTag;
  const containerPort = o.containerPort ?? 8080;
  const container = await newContainer(docker, {
    kind: o.kind,
    lasting: o.lasting,
    image,
    project: { dir, id: manifest.projectId },
    cmd: ["serve"],
    env: o.env,
    labels: o.labels,
    publish: { port: containerPort },
    mounts: o.modelDir ? [{ Type: "bind", Source: o.modelDir, Target: "/opt/ml/model", ReadOnly: true }] : [],
    memoryMb: manifest.run.memoryMb,
    readOverride: o.modelDir ? await needsReadOverride([o.modelDir]) : false,
  });
  const stop = (grace = 30) => removeContainer(container, grace);
  const started = Date.now();
  try {
    await container.start();
    const info = await container.inspect();
    const hostPort = Number(info.NetworkSettings.Ports?.[`${containerPort}/tcp`]?.[0]?.HostPort);
    if (!hostPort) {
      const reason = `The container exited at once (code ${info.State.ExitCode}).`;
      throw new StagemakerError("run-failed", `${image}: ${reason}`, {
        containerId: container.id,
        exitCode: info.State.ExitCode,
        reason,
        lastLogs: await lastLogLines(docker, container),
      });
    }
    const outcome = await waitHealthy(container, {
      docker,
      port: hostPort,
      limitMs: o.healthTimeoutMs,
      onWaiting: o.onWaiting ?? (() => undefined),
      signal: o.signal,
    });
    if (!outcome.ok) {
      throw new StagemakerError("run-failed", `${image}: ${outcome.reason}`, {
        containerId: container.id,
        exitCode: outcome.exitCode,
        reason: outcome.reason,
        lastLogs: await lastLogLines(docker, container),
      });
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
