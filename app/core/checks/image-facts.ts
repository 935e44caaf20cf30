// Points read from the image itself: platform, size and largest layers, the bind-to-port label.
import type Docker from "dockerode";
import { type CheckPoint, formatBytes as mb } from "../../contract";

export const BIND_TO_PORT_LABEL = "com.amazonaws.sagemaker.capabilities.accept-bind-to-port";

export function platformPoint(info: Docker.ImageInspectInfo, image: string, platform: string): CheckPoint {
  const actual = `${info.Os}/${info.Architecture}${info.Variant ? `/${info.Variant}` : ""}`;
  const ok = actual === platform || actual.startsWith(`${platform}/`);
  return {
    id: "platform",
    title: `The image is ${platform}`,
    status: ok ? "pass" : "fail",
    evidence: [{ command: `docker image inspect ${image} --format '{{.Os}}/{{.Architecture}}'`, status: actual }],
    hint: ok ? undefined : `Build for ${platform} (docker build --platform ${platform}); an image for another architecture fails on SageMaker with "exec format error".`,
  };
}

export async function imageSizePoint(docker: Docker, image: string, info: Docker.ImageInspectInfo): Promise<CheckPoint> {
  const history = (await docker.getImage(image).history()) as Array<{ Size: number; CreatedBy: string }>;
  const largest = history.filter((h) => h.Size > 0).sort((a, b) => b.Size - a.Size).slice(0, 5);
  return {
    id: "image-size",
    title: "Image size and largest layers",
    status: "info",
    evidence: [
      { command: `docker image inspect ${image} --format '{{.Size}}'`, status: mb(info.Size) },
      ...largest.map((h) => ({ command: `docker history ${image}`, status: mb(h.Size), detail: h.CreatedBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, "").slice(0, 200) })),
    ],
  };
}

export function hasBindToPortLabel(info: Docker.ImageInspectInfo): boolean {
  return info.Config?.Labels?.[BIND_TO_PORT_LABEL] === "true";
}
