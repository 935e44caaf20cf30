import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { z } from "zod";
import type { EngineSource } from "../../contract";

/** Where to reach a Docker-compatible engine, as a DOCKER_HOST-style URL plus where it came from. */
export interface EngineLocation {
  host: string;
  source: z.infer<typeof EngineSource>;
}

export interface EngineOptions {
  /** Explicit DOCKER_HOST-style URL; wins over everything (tests point it at dead sockets). */
  host?: string;
  /** The docker CLI's variables (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG…), handed in by the composition root. */
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: NodeJS.Platform;
  /** Lets tests say which socket files exist. */
  exists?: (path: string) => boolean;
}

/** Same order as the docker CLI: DOCKER_HOST, then the current context, then the platform default. */
export function locateEngine(options: EngineOptions = {}): EngineLocation {
  if (options.host) return { host: options.host, source: "DOCKER_HOST" };
  const env = options.env ?? {};
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, source: "DOCKER_HOST" };
  const home = options.homeDir ?? homedir();
  const exists = options.exists ?? existsSync;
  const fromContext = contextHost(env, home);
  if (fromContext) return { host: fromContext, source: "docker-context" };
  return { host: platformDefault(options.platform ?? process.platform, env, home, exists), source: "platform-default" };
}

function contextHost(env: NodeJS.ProcessEnv, home: string): string | undefined {
  const configDir = env.DOCKER_CONFIG ?? join(home, ".docker");
  let name = env.DOCKER_CONTEXT;
  if (!name) {
    try {
      const config = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8")) as { currentContext?: unknown };
      if (typeof config.currentContext === "string") name = config.currentContext;
    } catch {
      return undefined; // no config: the CLI falls through to the default too
    }
  }
  if (!name || name === "default") return undefined;
  // The CLI stores each context's metadata under the sha256 of its name.
  const digest = createHash("sha256").update(name).digest("hex");
  try {
    const meta = JSON.parse(readFileSync(join(configDir, "contexts", "meta", digest, "meta.json"), "utf8")) as {
      Endpoints?: { docker?: { Host?: unknown } };
    };
    const host = meta.Endpoints?.docker?.Host;
    return typeof host === "string" && host ? host : undefined;
  } catch {
    return undefined;
  }
}

function platformDefault(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, exists: (p: string) => boolean): string {
  if (platform === "win32") return "npipe:////./pipe/docker_engine";
  const candidates: string[] = [];
  if (platform === "darwin") candidates.push(join(home, ".docker", "run", "docker.sock"), "/var/run/docker.sock");
  else candidates.push("/var/run/docker.sock");
  // Podman's Docker-compatible socket: rootless under XDG_RUNTIME_DIR, rootful under /run.
  if (env.XDG_RUNTIME_DIR) candidates.push(join(env.XDG_RUNTIME_DIR, "podman", "podman.sock"));
  candidates.push("/run/podman/podman.sock");
  if (platform === "darwin") candidates.push(join(home, ".local", "share", "containers", "podman", "machine", "podman.sock"));
  return `unix://${candidates.find((c) => exists(c)) ?? candidates[0]}`;
}
