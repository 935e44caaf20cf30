import Docker from "dockerode";
import type { EngineLocation } from "./locate-engine";

/** Dockerode options for a DOCKER_HOST-style URL (unix://, npipe://, tcp://, http(s)://). */
export function dockerOptions(host: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  if (host.startsWith("npipe://")) return { socketPath: host.slice("npipe://".length).replace(/\//g, "\\") };
  const url = new URL(host.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? "https:" : "http:"));
  const protocol = url.protocol === "https:" ? "https" : "http";
  return { host: url.hostname, port: Number(url.port || (protocol === "https" ? 2376 : 2375)), protocol };
}

export function createDocker(location: EngineLocation): Docker {
  return new Docker(dockerOptions(location.host));
}
