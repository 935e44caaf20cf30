// The SageMaker readiness report: every point against the project's built image, run the way
// SageMaker would run it for this project, with the evidence for each.
import { join } from "node:path";
import type Docker from "dockerode";
import {
  type CheckEvent,
  type CheckInput,
  type CheckPoint,
  CheckPointId,
  type CheckReport,
  type Manifest,
  StagemakerError,
} from "../../contract";
import { copyModelData, type ModelData } from "../run/model-data";
import { projectImage } from "../build/project-image";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { bindToPortPoint } from "./bind-port-point";
import { deployEnvironment } from "./deploy-env";
import { hasBindToPortLabel, imageSizePoint, platformPoint } from "./image-facts";
import { describeInstance } from "./instance-types";
import type { ProbeSetup } from "./probe-container";
import { servePoints } from "./serve-points";

/** An empty batch in the template's JSON shape: any server that is up can answer it. */
const DEFAULT_SAMPLE = { body: '{"instances":[]}', contentType: "application/json" };
/** Memory when the instance type is one this check does not know and none was given. */
const FALLBACK_MEMORY_MB = 8192;

export async function runChecks(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  input: CheckInput,
  emit: (e: CheckEvent) => void,
  signal?: AbortSignal,
): Promise<CheckReport> {
  const image = manifest.imageTag;
  const info = await projectImage(docker, projectDir, manifest);
  const points: CheckPoint[] = [];
  const say = (point: CheckPoint) => {
    points.push(point);
    emit({ type: "point", point });
  };
  const instance = describeInstance(input.instanceType);
  say(platformPoint(info, image, instance, input.platform ?? instance.platform));
  say(await imageSizePoint(docker, image, info));

  emit({ type: "checking", id: "serve-starts", title: "Copying the model data into /opt/ml/model, as SageMaker extracts model.tar.gz" });
  // The image carries the model itself when bakeArtifacts is on; otherwise SageMaker extracts model.tar.gz there.
  const modelData: ModelData | undefined = manifest.bakeArtifacts
    ? undefined
    : await copyModelData(docker, image, join(projectDir, ARTIFACTS_DIR), projectDir);
  try {
    const setup: ProbeSetup = {
      docker,
      image,
      project: { dir: projectDir, id: manifest.projectId },
      env: deployEnvironment(manifest),
      modelMount: modelData?.mount,
      memoryMb: input.memoryMb ?? instance.memoryMb ?? FALLBACK_MEMORY_MB,
      labels: { "com.stagemaker.check": projectDir },
      signal,
    };
    const windowMs = input.healthCheckSeconds * 1000;
    emit({ type: "checking", id: "serve-starts", title: "Starting the image as SageMaker does" });
    const sample = input.sample ? { ...input.sample, given: true } : { ...DEFAULT_SAMPLE, given: false };
    const { startupMs, failedAtMs } = await servePoints({ setup, windowMs, input, sample, say });
    if (signal?.aborted) throw new StagemakerError("cancelled", "The readiness check was cancelled.");
    emit({ type: "checking", id: "bind-to-port", title: "Starting it again on another port" });
    // A server that ignores the variable never answers there: waiting twice as long as the first start took to
    // answer (or to say it failed), and at least 15 s more, is enough on a busy machine too.
    const first = startupMs ?? failedAtMs ?? 5000;
    say(await bindToPortPoint(setup, hasBindToPortLabel(info), Math.min(windowMs, Math.max(2 * first, first + 15_000))));
  } finally {
    await modelData?.remove();
  }

  // The report lists points in the contract's order.
  const order: readonly string[] = CheckPointId.options;
  points.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { image, at: new Date().toISOString(), ok: points.every((p) => p.status !== "fail"), points };
}
