import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { type ContainerState, type Manifest, type RunEvent, StagemakerError } from "../../contract";
import { followLogs } from "../containers/container-logs";
import { ARTIFACTS_DIR, MODEL_DIR } from "../projects/project-layout";
import { containerLabels, findProjectContainers, hostPortOf, LABEL_DEV_MODE } from "../containers/labels";
import { removeContainer } from "../containers/stop-container";
import { exitedState, failedState } from "./failed-state";
import { isPortTaken, rememberPort } from "./remembered-port";
import { healthState } from "./health-state";
import { projectImage } from "../build/project-image";
import { newContainer } from "../containers/start-container";
import { needsReadOverride } from "../containers/host-files";

export interface RunOptions {
  signal?: AbortSignal;
  /** Override the manifest's limit (tests use short ones). */
  healthTimeoutMs?: number;
}

/**
 * Starts the project's image as SageMaker does (`serve`) with the server's hardening profile
 * (start-container.ts), after checking the image is this project's; 8080 published on the project's
 * remembered host port (a free one the first time, or when it is taken),
 * environment from the manifest, artifacts/ read-only at /opt/ml/model and, in dev mode, model/
 * mounted over the image's copy. Resolves once /ping answers 200, or reports why not.
 */
export async function runContainer(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  emit: (e: RunEvent) => void,
  { signal, healthTimeoutMs = manifest.run.healthTimeoutSeconds * 1000 }: RunOptions = {},
): Promise<ContainerState> {
  const image = await projectImage(docker, projectDir, manifest);
  // One container per project: replace whatever an earlier run left.
  for (const old of await findProjectContainers(docker, projectDir)) await removeContainer(docker.getContainer(old.Id), 5);

  // Mounts rather than "src:dst:ro" binds: project paths may contain colons or spaces.
  const mounts: Docker.MountSettings[] = [];
  if (!manifest.bakeArtifacts) {
    await mkdir(join(projectDir, ARTIFACTS_DIR), { recursive: true });
    mounts.push({ Type: "bind", Source: join(projectDir, ARTIFACTS_DIR), Target: "/opt/ml/model", ReadOnly: true });
  }
  if (manifest.run.devMode)
    mounts.push({ Type: "bind", Source: join(projectDir, MODEL_DIR), Target: "/opt/program/model", ReadOnly: true });
  const readOverride = await needsReadOverride(mounts.map((m) => m.Source!));
  const create = (hostPort: number) =>
    newContainer(docker, {
      kind: "server",
      lasting: true,
      image: manifest.imageTag,
      project: { dir: projectDir, id: manifest.projectId },
      cmd: ["serve"],
      env: manifest.env.map((e) => `${e.name}=${e.value}`),
      labels: containerLabels(projectDir, { [LABEL_DEV_MODE]: String(manifest.run.devMode) }),
      // An empty HostPort lets the engine pick a free port atomically; loopback only.
      publish: { port: 8080, hostPort },
      mounts,
      memoryMb: manifest.run.memoryMb,
      readOverride,
    });
  const wanted = manifest.run.hostPort;
  let container = await create(wanted);
  try {
    try {
      await container.start();
    } catch (err) {
      // The remembered port is held by something else: take a free one and say so.
      if (!wanted || !isPortTaken(err)) throw err;
      await removeContainer(container, 0);
      container = await create(0);
      await container.start();
      emit({
        type: "notice",
        message: `Port ${wanted} is taken by another program, so the server now answers on a new port (remembered for next time).`,
      });
    }
  } catch (err) {
    const failed = await failedState(docker, container, {
      exitCode: null,
      reason: `The engine could not start the container: ${(err as Error).message}`,
      keepId: false,
    });
    await removeContainer(container, 0);
    return failed;
  }
  const info = await container.inspect();
  const hostPort = hostPortOf(info);
  if (!hostPort) {
    // A container that dies at once loses its port binding before we can read it.
    if (!info.State.Running) {
      return exitedState(docker, container, info);
    }
    throw new StagemakerError("internal", "The engine did not publish port 8080.");
  }
  if (hostPort !== wanted) await rememberPort(projectDir, hostPort);
  emit({ type: "created", containerId: container.id, hostPort });

  const logsDone = new AbortController();
  // The container is new, so all of its output is startup output.
  void followLogs(docker, container, (stream, line) => emit({ type: "log", stream, line }), {
    tail: 10_000,
    signal: logsDone.signal,
  }).catch(() => undefined);
  const started = Date.now();
  try {
    return await healthState(docker, container, {
      hostPort,
      limitMs: healthTimeoutMs,
      emit,
      signal,
      started,
      image: manifest.imageTag,
      imageId: image.Id,
    }).catch(async (err: unknown) => {
      // A cancelled start leaves nothing behind.
      if (err instanceof StagemakerError && err.code === "cancelled") await removeContainer(container, 0).catch(() => undefined);
      throw err;
    });
  } finally {
    logsDone.abort();
  }
}
