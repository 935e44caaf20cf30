// The run.* channels: start, reload, status, stop and logs of a project's container.
import { type ContainerState, type DomainServices, StagemakerError } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { followLogs } from "../containers/container-logs";
import { containerStatus } from "./container-status";
import { findProjectContainers } from "../containers/labels";
import type { ProjectPorts } from "./project-ports";
import { reloadContainer } from "./reload-container";
import { runContainer } from "./run-container";
import { removeContainer } from "../containers/stop-container";
import type { BuildInputs } from "../settings/effective-settings";
import type { ServingGuard } from "../serving-guard";

export interface RunDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  ports: ProjectPorts;
  /** The CA bundle and build args from the user's settings (a reload may rebuild). */
  buildInputs: BuildInputs;
  /** Refuses a project whose model would not be the one served (a refused intake, the template's example predictor). */
  guard: ServingGuard;
}

/**
 * A run that ends without a healthy container failed: the error carries the failed state (see
 * contract/result.ts) — reason, what to do, last log lines — and the container stays for its log.
 */
function healthyOrThrow(state: ContainerState): ContainerState {
  if (state.state !== "failed") return state;
  const { state: _failed, ...detail } = state;
  throw new StagemakerError("run-failed", state.reason, detail);
}

export function runChannels({ engine, work, ports, buildInputs, guard }: RunDeps): DomainServices<"run"> {
  const { docker } = engine;
  /** Projects whose server this process is reloading: their status says `reloading`. */
  const reloading = new Set<string>();
  return {
    "run.start": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      await guard(dir, manifest, "run");
      ports.forget(dir);
      const state = await work.track(ctx.signal, (signal) => engine.use(() => runContainer(docker, dir, manifest, emit, { signal })));
      return healthyOrThrow(ports.remember(dir, state));
    },
    "run.reload": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      await guard(dir, manifest, "reload");
      const reload = (signal: AbortSignal) =>
        reloadContainer(docker, dir, manifest, emit, { signal, buildInputs, onReplace: () => ports.forget(dir) });
      reloading.add(dir);
      try {
        const state = await work.track(ctx.signal, (signal) => engine.use(() => reload(signal)));
        return healthyOrThrow(ports.remember(dir, state));
      } finally {
        reloading.delete(dir);
      }
    },
    "run.status": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      return ports.remember(dir, await engine.use(() => containerStatus(docker, dir, { reloading: reloading.has(dir) })));
    },
    "run.stop": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      ports.forget(dir);
      await engine.use(async () => {
        for (const c of await findProjectContainers(docker, dir)) await removeContainer(docker.getContainer(c.Id), 30);
      });
      return { state: "stopped" };
    },
    "run.logs": async ({ project, tail, follow }, emit, ctx) => {
      const { dir } = await openProjectDir(project);
      await work.track(ctx.signal, (signal) =>
        engine.use(async () => {
          const [latest] = await findProjectContainers(docker, dir);
          if (!latest) throw new StagemakerError("not-running", "The project has no container. Run it first.");
          await followLogs(docker, docker.getContainer(latest.Id), (stream, line) => emit({ stream, line, at: new Date().toISOString() }), {
            tail,
            follow,
            signal,
          });
        }),
      );
      if (ctx.signal.aborted) throw new StagemakerError("cancelled", "Stopped following the logs.");
      return { done: true };
    },
  };
}
