// Dev mode's reload: SIGHUP to `serve` so only the server process restarts with the saved model/ code.
import type Docker from "dockerode";
import { type ContainerState, type Manifest, type RunEvent, StagemakerError } from "../../contract";
import { readBuildRecord } from "../build/build-record";
import { contextChangedSince } from "../build/context-changes";
import { followLogs } from "../containers/container-logs";
import { healthState } from "./health-state";
import { MODEL_DIR } from "../projects/project-layout";
import { findProjectContainers, hostPortOf, LABEL_DEV_MODE } from "../containers/labels";
import { ping } from "../serving/ping";

/**
 * The fast inner loop: the dev-mode container has model/ mounted, so a SIGHUP makes `serve`
 * restart its server process with the new code. Done when /ping answers 200 from a new server id,
 * failed as soon as the new server says its predictor failed to load (syntax, import, load error).
 * Returns undefined when there is no dev-mode container to reload (the caller rebuilds instead).
 */
export async function reloadDevContainer(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  emit: (e: RunEvent) => void,
  signal?: AbortSignal,
): Promise<ContainerState | undefined> {
  const [latest] = await findProjectContainers(docker, projectDir);
  if (!latest || latest.State !== "running" || latest.Labels[LABEL_DEV_MODE] !== "true") return undefined;
  // Only model/ is mounted: any other change (requirements, Dockerfile, server/) needs a new image.
  const record = await readBuildRecord(projectDir);
  if (!record || record.imageId !== latest.ImageID) return undefined;
  if (
    (await contextChangedSince(projectDir, record.contextReadAt, { excludeDirs: [MODEL_DIR], bakeArtifacts: manifest.bakeArtifacts }))
      .length > 0
  )
    return undefined;
  const container = docker.getContainer(latest.Id);
  const hostPort = hostPortOf(await container.inspect());
  if (!hostPort) return undefined;
  const before = await ping(hostPort);
  if (before.status === 200 && !before.serverId)
    throw new StagemakerError(
      "run-failed",
      "The server does not send X-Stagemaker-Server-Id, so a reload cannot be confirmed. Rebuild the project from a current template.",
    );
  const started = Date.now();
  // The log keeps streaming through the reload: only lines from now on (tail 0), so nothing repeats.
  const logsDone = new AbortController();
  let attached!: () => void;
  const following = new Promise<void>((done) => (attached = done));
  void followLogs(docker, container, (stream, line) => emit({ type: "log", stream, line }), {
    tail: 0,
    signal: logsDone.signal,
    onAttached: attached,
  }).catch(() => attached());
  try {
    // Signal only once the log is attached, so the reload's first lines are not lost.
    await Promise.race([following, new Promise((r) => setTimeout(r, 2000))]);
    await container.kill({ signal: "SIGHUP" });
    return await healthState(docker, container, {
      hostPort,
      limitMs: manifest.run.healthTimeoutSeconds * 1000,
      emit,
      signal,
      notServerId: before.serverId,
      started,
      image: manifest.imageTag,
      imageId: latest.ImageID,
    });
  } finally {
    logsDone.abort();
  }
}
