// A pipeline's containers: all started (each on its own SAGEMAKER_BIND_TO_PORT), found again by label.
import type Docker from "dockerode";
import type { PipelineStep } from "../../contract";
import { removeContainer } from "../containers/stop-container";
import { modelDirOf, startServing } from "../serving/serving-container";
import type { PipelineStepProject } from "./pipeline-file";

export const LABEL_PIPELINE = "com.stagemaker.pipeline";
export const LABEL_STEP = "com.stagemaker.pipeline-step";
/** "run" for the pipeline the user started; "job" for one a transform started for itself. */
export const LABEL_PURPOSE = "com.stagemaker.pipeline-purpose";

export interface RunningStep {
  step: PipelineStepProject;
  hostPort: number;
  stop(grace?: number): Promise<void>;
}

export async function startPipelineContainers(
  docker: Docker,
  dir: string,
  steps: PipelineStepProject[],
  {
    extraEnv = [],
    purpose,
    signal,
    say,
  }: { extraEnv?: string[]; purpose: "run" | "job"; signal?: AbortSignal; say: (step: number, message: string) => void },
): Promise<RunningStep[]> {
  // Started together, as SageMaker does; a failure stops the ones already up.
  const settled = await Promise.allSettled(
    steps.map(async (step) => {
      say(step.index, `starting ${step.manifest.imageTag} on port ${step.bindToPort}`);
      const serving = await startServing(docker, {
        kind: "pipeline",
        project: { dir: step.dir, manifest: step.manifest },
        lasting: purpose === "run",
        env: [...step.manifest.env.map((e) => `${e.name}=${e.value}`), `SAGEMAKER_BIND_TO_PORT=${step.bindToPort}`, ...extraEnv],
        labels: { [LABEL_PIPELINE]: dir, [LABEL_STEP]: String(step.index), [LABEL_PURPOSE]: purpose },
        containerPort: step.bindToPort,
        modelDir: await modelDirOf(step.dir, step.manifest),
        healthTimeoutMs: step.manifest.run.healthTimeoutSeconds * 1000,
        signal,
      });
      say(step.index, `healthy after ${(serving.startupMs / 1000).toFixed(1)} s`);
      return { step, hostPort: serving.hostPort, stop: serving.stop } satisfies RunningStep;
    }),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  const up = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (failed) {
    await Promise.all(up.map((s) => s.stop(0)));
    const index = settled.indexOf(failed);
    const err = failed.reason as Error;
    err.message = `Step ${index + 1} (${steps[index]!.name}) did not start: ${err.message}`;
    throw err;
  }
  return up;
}

/** The started pipeline's steps with their host ports (running ones only). */
export async function findPipelineContainers(
  docker: Docker,
  dir: string,
  purpose: "run" | "job" = "run",
): Promise<Map<number, { id: string; hostPort: number }>> {
  const list = await docker.listContainers({ filters: { label: [`${LABEL_PIPELINE}=${dir}`, `${LABEL_PURPOSE}=${purpose}`] } });
  const found = new Map<number, { id: string; hostPort: number }>();
  for (const c of list) {
    const port = c.Ports.find((p) => p.PublicPort && p.IP === "127.0.0.1")?.PublicPort;
    if (port) found.set(Number(c.Labels[LABEL_STEP]), { id: c.Id, hostPort: port });
  }
  return found;
}

export async function stopPipelineContainers(docker: Docker, dir: string, grace = 30): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PIPELINE}=${dir}`, `${LABEL_PURPOSE}=run`] } });
  await Promise.all(list.map((c) => removeContainer(docker.getContainer(c.Id), grace)));
}

export function stepStates(steps: PipelineStepProject[], running: Map<number, { hostPort: number }>): PipelineStep[] {
  return steps.map((s) => ({
    index: s.index,
    name: s.name,
    dir: s.dir,
    imageTag: s.manifest.imageTag,
    bindToPort: s.bindToPort,
    state: running.has(s.index) ? "healthy" : "stopped",
    hostPort: running.get(s.index)?.hostPort,
  }));
}
