// run.reload's steps: dev mode restarts only the server; otherwise a layer-cached rebuild, then a new container.
import type Docker from "dockerode";
import type { ContainerState, Manifest, RunEvent } from "../../contract";
import { buildImage } from "../build/build-image";
import type { BuildInputs } from "../settings/effective-settings";
import { reloadDevContainer } from "./dev-reload";
import { runContainer } from "./run-container";

export interface ReloadOptions {
  signal: AbortSignal;
  /** The CA bundle and build args from the user's settings, read if a rebuild is needed. */
  buildInputs: BuildInputs;
  /** Called before a new container replaces the old one (its port is about to change). */
  onReplace?: () => void;
}

export async function reloadContainer(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  emit: (e: RunEvent) => void,
  { signal, buildInputs, onReplace }: ReloadOptions,
): Promise<ContainerState> {
  const reloaded = await reloadDevContainer(docker, projectDir, manifest, emit, signal);
  if (reloaded) return reloaded;
  const buildLog = (e: { type: string; line?: string }) =>
    e.type === "log" && e.line !== undefined && emit({ type: "log", stream: "stdout", line: e.line });
  await buildImage(docker, projectDir, manifest, buildLog, { signal, ...(await buildInputs()) });
  onReplace?.();
  return runContainer(docker, projectDir, manifest, emit, { signal });
}
