// The containers.* channels: run, reload, status, stop and logs of a project's container.
import { type ContainerState, type DomainServices, StagemakerError } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { followLogs } from "./container-logs";
import { containerStatus } from "./container-status";
import { findProjectContainers } from "./labels";
import type { ProjectPorts } from "./project-ports";
import { reloadContainer } from "./reload-container";
import { runContainer } from "./run-container";
import { removeContainer } from "./stop-container";

export interface ContainersDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  ports: ProjectPorts;
  extraCaCertsPath?: string;
}

/** A run that ends without a healthy container failed: the error carries the state (see contract/result.ts). */
function healthyOrThrow(state: ContainerState): ContainerState {
  if (state.state !== "failed") return state;
  const { containerId, exitCode, reason, lastLogs } = state;
  throw new StagemakerError("run-failed", reason, { containerId, exitCode, reason, lastLogs });
}

export function containersChannels({ engine, work, ports, extraCaCertsPath }: ContainersDeps): DomainServices<"containers"> {
  const { docker } = engine;
  return {
    "containers.run": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      ports.forget(dir);
      const state = await work.track(ctx.signal, (signal) => engine.use(() => runContainer(docker, dir, manifest, emit, { signal })));
      return healthyOrThrow(ports.remember(dir, state));
    },
    "containers.reload": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      const reload = (signal: AbortSignal) => reloadContainer(docker, dir, manifest, emit, { signal, extraCaCertsPath, onReplace: () => ports.forget(dir) });
      const state = await work.track(ctx.signal, (signal) => engine.use(() => reload(signal)));
      return healthyOrThrow(ports.remember(dir, state));
    },
    "containers.status": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      return ports.remember(dir, await engine.use(() => containerStatus(docker, dir)));
    },
    "containers.stop": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      ports.forget(dir);
      await engine.use(async () => {
        for (const c of await findProjectContainers(docker, dir)) await removeContainer(docker.getContainer(c.Id), 30);
      });
      return { state: "stopped" };
    },
    "containers.logs": async ({ project, tail, follow }, emit, ctx) => {
      const { dir } = await openProjectDir(project);
      await work.track(ctx.signal, (signal) =>
        engine.use(async () => {
          const [latest] = await findProjectContainers(docker, dir);
          if (!latest) throw new StagemakerError("not-running", "The project has no container. Run it first.");
          await followLogs(docker, docker.getContainer(latest.Id), (stream, line) => emit({ stream, line, at: new Date().toISOString() }), { tail, follow, signal });
        }),
      );
      if (ctx.signal.aborted) throw new StagemakerError("cancelled", "Stopped following the logs.");
      return { done: true };
    },
  };
}
