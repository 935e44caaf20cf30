// Points read from the image itself: platform against the instance, size against SageMaker's limits, the bind-to-port label.
import type Docker from "dockerode";
import { type CheckPoint, formatBytes as mb } from "../../contract";
import type { Instance } from "./instance-types";

export const BIND_TO_PORT_LABEL = "com.amazonaws.sagemaker.capabilities.accept-bind-to-port";

/**
 * SageMaker pulls the image onto the instance's storage volume (30 GB unless the endpoint sets
 * VolumeSizeInGB) beside the model data; Serverless Inference takes images up to 10 GB.
 */
const VOLUME_LIMIT = 30e9;
const SERVERLESS_LIMIT = 10e9;

export function platformPoint(info: Docker.ImageInspectInfo, image: string, instance: Instance, platform: string): CheckPoint {
  const actual = `${info.Os}/${info.Architecture}${info.Variant ? `/${info.Variant}` : ""}`;
  const ok = actual === platform || actual.startsWith(`${platform}/`);
  const other = platform === "linux/amd64" ? "a Graviton instance (ml.*g, linux/arm64)" : "an x86 instance";
  return {
    id: "platform",
    title: `The image is ${platform}, as ${instance.type} runs`,
    status: ok ? "pass" : "fail",
    evidence: [
      { command: `docker image inspect ${image} --format '{{.Os}}/{{.Architecture}}'`, status: actual },
      { command: `instance type ${instance.type}`, status: platform, detail: instance.family },
    ],
    hint: ok
      ? undefined
      : `This ${actual} image would fail on ${instance.type} with "exec format error". Build it for ${platform} (docker build --platform ${platform}), or deploy to ${other}.`,
  };
}

export async function imageSizePoint(docker: Docker, image: string, info: Docker.ImageInspectInfo): Promise<CheckPoint> {
  const history = (await docker.getImage(image).history()) as Array<{ Size: number; CreatedBy: string }>;
  const largest = history
    .filter((h) => h.Size > 0)
    .sort((a, b) => b.Size - a.Size)
    .slice(0, 5);
  const tooLarge = info.Size > VOLUME_LIMIT;
  return {
    id: "image-size",
    title: "The image fits SageMaker's limits (the instance's 30 GB volume; 10 GB for Serverless Inference)",
    status: tooLarge ? "fail" : "pass",
    evidence: [
      {
        command: `docker image inspect ${image} --format '{{.Size}}'`,
        status: mb(info.Size),
        detail:
          info.Size > SERVERLESS_LIMIT ? "over Serverless Inference's 10 GB: real-time endpoints and batch transform only" : undefined,
      },
      ...largest.map((h) => ({
        command: `docker history ${image}`,
        status: mb(h.Size),
        detail: h.CreatedBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, "").slice(0, 200),
      })),
    ],
    hint: tooLarge
      ? "The largest layers are listed above: keep model data out of the image (bakeArtifacts off, so SageMaker extracts model.tar.gz), drop build tools and caches, or raise VolumeSizeInGB in the endpoint configuration."
      : undefined,
  };
}

export function hasBindToPortLabel(info: Docker.ImageInspectInfo): boolean {
  return info.Config?.Labels?.[BIND_TO_PORT_LABEL] === "true";
}
