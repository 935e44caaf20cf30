// The transform channel: picks the server (the project's running container, a container of its own
// with SageMaker's batch environment, or a pipeline's chain) and runs the job.
import { resolve } from "node:path";
import { type DomainServices, TransformResult } from "../../contract";
import { findProjectContainers, hostPortOf } from "../containers/labels";
import { isPipelineDir } from "../pipeline/pipeline-file";
import { openPipelineTarget } from "../pipeline/pipeline-target";
import { openProjectDir } from "../project-dir";
import { containerTarget, type InvocationTarget } from "../serving/invocation-target";
import { batchEnvironment } from "./job-settings";
import { runTransform } from "./run-transform";
import { readResult, saveResult } from "../projects/saved-result";
import { modelDirOf, startServing } from "../serving/serving-container";
import type { ServingJobDeps } from "../serving-guard";

const LAST = "last-transform.json";

export function transformChannels({ engine, work, guard }: ServingJobDeps): DomainServices<"transform"> {
  const { docker } = engine;
  return {
    "transform.run": async (job, emit, ctx) =>
      work.track(ctx.signal, (signal) =>
        engine.use(async () => {
          const dir = resolve(job.target);
          let target: InvocationTarget;
          let close = async () => undefined as void;
          let endpoint: "own-container" | "running-container" | "pipeline";
          if (await isPipelineDir(dir)) {
            emit({ type: "starting", message: "Starting the pipeline's containers" });
            const pipeline = await openPipelineTarget(docker, dir, batchEnvironment(job), signal, (message) =>
              emit({ type: "starting", message }),
            );
            ({ target, close } = pipeline);
            endpoint = "pipeline";
          } else {
            const { manifest } = await openProjectDir(dir);
            await guard(dir, manifest, "transform");
            const running = (await findProjectContainers(docker, dir)).find((c) => c.State === "running");
            const port = running && hostPortOf(await docker.getContainer(running.Id).inspect());
            if (port) {
              target = containerTarget(port);
              endpoint = "running-container";
            } else {
              emit({ type: "starting", message: `Starting ${manifest.imageTag} with SAGEMAKER_BATCH=true` });
              const serving = await startServing(docker, {
                kind: "transform",
                project: { dir, manifest },
                env: [...manifest.env.map((e) => `${e.name}=${e.value}`), ...batchEnvironment(job)],
                labels: { "com.stagemaker.transform": dir },
                modelDir: await modelDirOf(dir, manifest),
                healthTimeoutMs: manifest.run.healthTimeoutSeconds * 1000,
                signal: signal,
              });
              target = containerTarget(serving.hostPort);
              close = () => serving.stop(5);
              endpoint = "own-container";
            }
          }
          try {
            const result = await runTransform(job, target, endpoint, emit, signal);
            await saveResult(dir, LAST, result);
            return result;
          } finally {
            await close();
          }
        }),
      ),
    "transform.last": async ({ target }) => readResult(resolve(target), LAST, TransformResult),
  };
}
