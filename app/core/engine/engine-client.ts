import Docker from "dockerode";
import type { EngineLocation } from "./locate-engine";

/**
 * Dockerode options for an address found elsewhere than the DOCKER_HOST variable (an explicit host,
 * a docker context, the platform default): unix://, npipe://, ssh://, tcp://, http(s)://.
 */
export function dockerOptions(host: string, env: NodeJS.ProcessEnv = {}): Docker.DockerOptions {
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  if (host.startsWith("npipe://")) return { socketPath: host.slice("npipe://".length).replace(/\//g, "\\") };
  if (host.startsWith("ssh://")) {
    // Remote contexts over SSH (docker-modem tunnels through ssh2, using the SSH agent).
    const url = new URL(host);
    return {
      protocol: "ssh",
      host: url.hostname,
      port: Number(url.port || 22),
      username: url.username || undefined,
      sshOptions: { agent: env.SSH_AUTH_SOCK },
    };
  }
  if (!/^(tcp|https?):\/\//.test(host))
    throw new Error(`"${host}" is not an engine address (expected unix://, npipe://, tcp://, ssh:// or http(s)://)`);
  const url = new URL(host.replace(/^tcp:/, env.DOCKER_TLS_VERIFY ? "https:" : "http:"));
  const protocol = url.protocol === "https:" ? "https" : "http";
  return { host: url.hostname, port: Number(url.port || (protocol === "https" ? 2376 : 2375)), protocol };
}

/**
 * A client for the location; a malformed address becomes a reason to report, not a crash. When the
 * address is the DOCKER_HOST variable, docker-modem parses it itself, with DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), DOCKER_CLIENT_TIMEOUT and DOCKER_PATH_PREFIX: that is
 * the library's reading of the process environment, the one the composition root hands the core.
 */
export function createDocker(
  location: EngineLocation,
  { fromVariable = false, env = {} }: { fromVariable?: boolean; env?: NodeJS.ProcessEnv } = {},
): { docker: Docker; invalid?: string } {
  try {
    if (fromVariable) return { docker: new Docker() };
    return { docker: new Docker(dockerOptions(location.host, env)) };
  } catch (err) {
    return { docker: new Docker({ socketPath: "/nonexistent/stagemaker-invalid-engine-address" }), invalid: (err as Error).message };
  }
}
