import type Docker from "dockerode";
import type { EngineStatus } from "../../contract";
import type { EngineLocation } from "./locate-engine";

export interface StatusOptions {
  timeoutMs?: number;
  /** Why the address could not be used at all; reported without asking the engine. */
  invalid?: string;
}

/** Asks the engine for its version; any failure becomes an "unreachable" status, never a throw. */
export async function engineStatus(
  docker: Docker,
  location: EngineLocation,
  { timeoutMs = 3000, invalid }: StatusOptions = {},
): Promise<EngineStatus> {
  if (invalid)
    return {
      state: "unreachable",
      host: location.host,
      source: location.source,
      reason: invalid,
      hint: "Fix DOCKER_HOST (or the docker context) to a valid address such as unix:///var/run/docker.sock.",
    };
  try {
    // dockerode hands abortSignal to the request, so a stuck engine's socket is closed too
    // (@types/dockerode does not list version()'s options; lib/docker.js reads opts.abortSignal).
    const askVersion = docker.version as unknown as (opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
    const version = await askVersion.call(docker, { abortSignal: AbortSignal.timeout(timeoutMs) });
    return {
      state: "reachable",
      host: location.host,
      source: location.source,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
    };
  } catch (err) {
    return { state: "unreachable", host: location.host, source: location.source, ...explain(err, location) };
  }
}

function explain(err: unknown, location: EngineLocation): { reason: string; hint: string } {
  const code = (err as { code?: string }).code;
  const where =
    location.source === "DOCKER_HOST"
      ? "DOCKER_HOST"
      : location.source === "docker-context"
        ? "the current docker context"
        : "the default socket";
  if (code === "ENOENT" || code === "ECONNREFUSED")
    return {
      reason: `No Docker engine answers at ${location.host} (${code}).`,
      hint: `Start Docker (Docker Desktop, or \`sudo systemctl start docker\`), or fix ${where} so it points at a running engine.`,
    };
  if (code === "EACCES")
    return {
      reason: `Permission denied on ${location.host}.`,
      hint: "Add your user to the docker group (then log in again), or run the engine rootless.",
    };
  if (code === "ETIMEDOUT" || (err as Error).name === "TimeoutError" || (err as Error).name === "AbortError")
    return {
      reason: `The engine at ${location.host} did not answer in time.`,
      hint: "Check that Docker is not stuck starting; restart it if it stays that way.",
    };
  return {
    reason: `The engine at ${location.host} could not be used: ${(err as Error).message ?? String(err)}`,
    hint: `Check ${where}; \`docker version\` should answer.`,
  };
}
