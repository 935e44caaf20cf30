// The SageMaker readiness report: every point against the project's built image, with its evidence.
import type Docker from "dockerode";
import { type CheckEvent, type CheckInput, type CheckPoint, type CheckReport, type Manifest, StagemakerError } from "../../contract";
import { modelDirOf } from "../transform/serving-container";
import { bindToPortPoint } from "./bind-port-point";
import { hasBindToPortLabel, imageSizePoint, platformPoint } from "./image-facts";
import { servePoints } from "./serve-points";

/** An empty batch in the template's JSON shape: any server that is up can answer it. */
const DEFAULT_SAMPLE = { body: '{"instances":[]}', contentType: "application/json" };

export async function runChecks(docker: Docker, projectDir: string, manifest: Manifest, input: CheckInput, emit: (e: CheckEvent) => void): Promise<CheckReport> {
  const image = manifest.imageTag;
  const info = await docker.getImage(image).inspect().catch(() => null);
  if (!info) throw new StagemakerError("not-found", `The image ${image} does not exist yet. Build the project first (stagemaker build).`);
  const points: CheckPoint[] = [];
  const say = (point: CheckPoint) => {
    points.push(point);
    emit({ type: "point", point });
  };
  const env = manifest.env.map((e) => `${e.name}=${e.value}`);
  const labels = { "com.stagemaker.check": projectDir };
  const healthLimitMs = manifest.run.healthTimeoutSeconds * 1000;

  say(platformPoint(info, image, input.platform));
  say(await imageSizePoint(docker, image, info));
  emit({ type: "checking", id: "serve-starts", title: "Starting the image as SageMaker does" });
  const { startupMs } = await servePoints({
    docker,
    image,
    env,
    modelDir: await modelDirOf(projectDir, manifest),
    healthLimitMs,
    input,
    sample: input.sample ? { ...input.sample, given: true } : { ...DEFAULT_SAMPLE, given: false },
    labels,
    say,
  });
  emit({ type: "checking", id: "bind-to-port", title: "Starting it again on another port" });
  // A server that ignores the variable never answers there; waiting as long as the first start took (plus margin) is enough.
  say(await bindToPortPoint(docker, image, env, labels, hasBindToPortLabel(info), Math.min(healthLimitMs, (startupMs ?? 5000) + 15_000)));

  const order = ["serve-starts", "ping-within-limit", "ping-after-load", "invocations", "media-types", "payload-limit", "execution-parameters", "bind-to-port", "sigterm", "platform", "read-only-model", "memory-limit", "image-size"];
  points.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { image, at: new Date().toISOString(), ok: points.every((p) => p.status !== "fail"), points };
}
