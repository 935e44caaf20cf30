import Docker from "dockerode";
import type { EngineLocation } from "./locate-engine";

/** Dockerode options for a DOCKER_HOST-style URL (unix://, npipe://, tcp://, http(s)://). */
export function dockerOptions(host: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  if (host.startsWith("npipe://")) return { socketPath: host.slice("npipe://".length).replace(/\//g, "\\") };
  if (host.startsWith("ssh://")) {
    // Remote contexts over SSH (docker-modem tunnels through ssh2, using the SSH agent).
    const url = new URL(host);
    return { protocol: "ssh", host: url.hostname, port: Number(url.port || 22), username: url.username || undefined, sshOptions: { agent: env.SSH_AUTH_SOCK } };
  }
  if (!/^(tcp|https?):\/\//.test(host)) throw new Error(`"${host}" is not an engine address (expected unix://, npipe://, tcp://, ssh:// or http(s)://)`);
  const url = new URL(host.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? "https:" : "http:"));
  const protocol = url.protocol === "https:" ? "https" : "http";
  return { host: url.hostname, port: Number(url.port || (protocol === "https" ? 2376 : 2375)), protocol };
}

/** A client for the location; a malformed address becomes a reason to report, not a crash. */
export function createDocker(location: EngineLocation): { docker: Docker; invalid?: string } {
  try {
    return { docker: new Docker(dockerOptions(location.host)) };
  } catch (err) {
    return { docker: new Docker({ socketPath: "/nonexistent/stagemaker-invalid-engine-address" }), invalid: (err as Error).message };
  }
}
