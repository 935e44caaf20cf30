import type Docker from "dockerode";
import { type BuildEvent, type BuildResult, type Manifest, StagemakerError } from "../../contract";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { BAKE_DOCKERFILE, packBuildContext } from "./build-context";
import { writeBuildRecord } from "./build-record";
import { recognise } from "./build-failure-hint";
import { BuildProgress, type EngineBuildMessage } from "./build-progress";
import { imageLabels, ownerProblem } from "./project-image";

export interface BuildOptions {
  signal?: AbortSignal;
  /** PEM bundle of extra CA certificates (from the user's settings or the detected environment). */
  extraCaCertsPath?: string;
  /** Proxies and pip's index for the build's RUN steps (from the user's settings). */
  buildArgs?: Record<string, string>;
  /** Ignore the layer cache (the benchmark's cold build). */
  noCache?: boolean;
  /** The project folder the image's labels name, when building from a scratch copy of it (the Model tab's plan). */
  projectDir?: string;
}

/** Builds the project's image and tags it from the manifest; events stream as the engine works. */
export async function buildImage(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  emit: (e: BuildEvent) => void,
  { signal, extraCaCertsPath, buildArgs = {}, noCache = false, projectDir: owner = projectDir }: BuildOptions = {},
): Promise<BuildResult> {
  const started = Date.now();
  // Files changed from here on may not be in the image; dev reload compares against this time.
  const contextReadAt = Date.now() - 1;
  if (manifest.bakeArtifacts) await mkdir(join(projectDir, ARTIFACTS_DIR), { recursive: true });
  const { stream: context, stats } = await packBuildContext(projectDir, { bakeArtifacts: manifest.bakeArtifacts, extraCaCertsPath });
  // Never overwrite another project's image (a copied folder keeps the id of the one it came from).
  const existing = await docker
    .getImage(manifest.imageTag)
    .inspect()
    .catch(() => null);
  const problem = existing && (await ownerProblem(existing, owner, manifest));
  if (problem) throw new StagemakerError("conflict", problem);
  const labels = imageLabels(owner, manifest);
  const progress = new BuildProgress(emit, Date.now, Object.keys(labels).length);
  const cancelled = () => new StagemakerError("cancelled", "The build was cancelled.");
  if (signal?.aborted) throw cancelled();

  let response: NodeJS.ReadableStream;
  try {
    response = await docker.buildImage(context, {
      t: manifest.imageTag,
      rm: true,
      nocache: noCache,
      ...(manifest.bakeArtifacts ? { dockerfile: BAKE_DOCKERFILE } : {}),
      forcerm: true,
      // The labels tie the image to this project folder (run refuses an image naming another). The
      // classic builder appends a LABEL step for each, which BuildProgress leaves out of the count.
      labels,
      buildargs: { ...buildArgs, BASE_IMAGE: manifest.baseImage },
      abortSignal: signal,
    } as Docker.ImageBuildOptions);
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    if ((err as { syscall?: string }).syscall === "connect") throw err; // engine down: the caller says so
    throw new StagemakerError("build-failed", `The engine refused the build: ${(err as Error).message}`, {
      message: (err as Error).message,
      lastLines: [],
    });
  }
  emit({ type: "context", bytes: stats.bytes, files: stats.files });

  await new Promise<void>((resolve, reject) => {
    const onAbort = () => (response as unknown as { destroy?: () => void }).destroy?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    docker.modem.followProgress(
      response,
      (err) => {
        signal?.removeEventListener("abort", onAbort);
        if (err && !signal?.aborted) reject(err);
        else resolve();
      },
      (msg: EngineBuildMessage) => progress.push(msg),
    );
  }).catch((err: Error) => {
    if (!signal?.aborted)
      throw new StagemakerError("build-failed", `The build stream broke: ${err.message}`, { message: err.message, lastLines: [] });
  });
  if (signal?.aborted) throw cancelled();
  progress.end();
  if (progress.failure) {
    const known = recognise(progress.failure);
    const hint = known?.hint;
    const f = { ...progress.failure, ...(known ?? {}), caBundle: extraCaCertsPath ?? null };
    const where = f.step ? `step ${f.step}/${progress.steps} (${f.instruction})` : "the build";
    throw new StagemakerError("build-failed", `The build failed at ${where}: ${f.message}${hint ? `\n${hint}` : ""}`, f);
  }
  const image = await docker.getImage(manifest.imageTag).inspect();
  await writeBuildRecord(projectDir, { imageId: image.Id, tag: manifest.imageTag, contextReadAt });
  return {
    imageId: image.Id,
    tag: manifest.imageTag,
    sizeBytes: image.Size,
    durationMs: Date.now() - started,
    steps: progress.steps,
    cachedSteps: progress.cachedSteps,
  };
}
