import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { type ContainerState, type Services, StagemakerError } from "../contract";
import { importArtifactPaths } from "./artifacts/import-artifacts";
import { listArtifacts, removeArtifact } from "./artifacts/list-artifacts";
import { containerStatus } from "./containers/container-status";
import { followLogs } from "./containers/container-logs";
import { reloadDevContainer } from "./containers/dev-reload";
import { findProjectContainers, hostPortOf } from "./containers/labels";
import { runContainer } from "./containers/run-container";
import { removeContainer } from "./containers/stop-container";
import { createDocker } from "./engine/engine-client";
import { withEngine } from "./engine/engine-errors";
import { engineStatus } from "./engine/engine-status";
import { type EngineOptions, locateEngine } from "./engine/locate-engine";
import { listFiles, readProjectFile, writeProjectFile } from "./files/project-files";
import { buildImage } from "./images/build-image";
import { InvocationHistory } from "./invocations/invocation-history";
import { sendInvocation } from "./invocations/send-invocation";
import { openProjectDir } from "./project-dir";
import { createProject, defaultProjectDir } from "./projects/create-project";
import { writeManifest } from "./projects/manifest";
import { RecentProjects } from "./projects/recent-projects";
import { folderChannels } from "./folders/list-folders";
import type { DetectedEnvironment } from "./settings/effective-settings";
import { settingsChannels } from "./settings/settings-channels";

export interface ServicesOptions {
  workspaceDir: string;
  stateDir: string;
  docker?: EngineOptions;
  templateDir?: string;
  /** The environment the app started in (CA bundles, proxies, pip index), read by the face. */
  environment?: DetectedEnvironment;
  /** The user's home: the browser face's folder picker shows it and the workspace. */
  homeDir?: string;
}

/** The composition root: every channel of the contract, wired to the core capabilities. */
export function createServices(options: ServicesOptions): Services & { close(): Promise<void> } {
  const location = locateEngine(options.docker);
  const { docker, invalid: invalidHost } = createDocker(location);
  const recent = new RecentProjects(options.stateDir);
  const settings = settingsChannels(options.stateDir, options.environment ?? { env: {}, systemCaBundles: [] });
  const building = new Set<string>();
  const histories = new Map<string, InvocationHistory>();
  /** Host port per project, so invoking does not ask the engine every time. */
  const ports = new Map<string, number>();
  const inFlight = new Set<AbortController>();
  /** Projects whose server is being reloaded by this process: their status says `reloading`. */
  const reloading = new Set<string>();
  const engine = <T>(work: () => Promise<T>) => withEngine(location, work);

  /** Ties an operation to both the caller's signal and close(). */
  const track = async <T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const own = new AbortController();
    inFlight.add(own);
    const combined = AbortSignal.any([signal, own.signal]);
    try {
      return await work(combined);
    } finally {
      inFlight.delete(own);
    }
  };
  const history = (dir: string) => {
    let h = histories.get(dir);
    if (!h) histories.set(dir, (h = new InvocationHistory(dir)));
    return h;
  };
  const remember = (dir: string, state: ContainerState) => {
    if (state.state !== "stopped" && state.hostPort) ports.set(dir, state.hostPort);
    else ports.delete(dir);
    return state;
  };
  const portOf = async (dir: string): Promise<number | undefined> => {
    const cached = ports.get(dir);
    if (cached) return cached;
    const [latest] = await engine(() => findProjectContainers(docker, dir));
    if (!latest || latest.State !== "running") return undefined;
    const port = hostPortOf(await docker.getContainer(latest.Id).inspect());
    if (port) ports.set(dir, port);
    return port;
  };

  return {
    "engine.status": () => engineStatus(docker, location, 3000, invalidHost),

    "projects.create": async ({ dir, name }) => {
      await mkdir(options.workspaceDir, { recursive: true });
      const target = dir ? resolve(options.workspaceDir, dir) : await defaultProjectDir(options.workspaceDir, name);
      const project = await createProject({ name, dir: target, templateDir: options.templateDir });
      await recent.touch(project.dir, name);
      return project;
    },
    "projects.open": async ({ project }) => {
      const p = await openProjectDir(project);
      await recent.touch(p.dir, p.manifest.name);
      return p;
    },
    "projects.recent": () => recent.list(),
    "projects.saveManifest": async ({ project, manifest }) => {
      const { dir } = await openProjectDir(project);
      await writeManifest(dir, manifest);
      return { dir, manifest };
    },

    "files.list": async ({ project }) => listFiles((await openProjectDir(project)).dir),
    "files.read": async ({ project, path }) => readProjectFile((await openProjectDir(project)).dir, path),
    "files.write": async ({ project, path, content }) => writeProjectFile((await openProjectDir(project)).dir, path, content),

    "artifacts.list": async ({ project }) => listArtifacts((await openProjectDir(project)).dir),
    "artifacts.importPaths": async ({ project, paths }, emit, ctx) =>
      track(ctx.signal, async (signal) => importArtifactPaths((await openProjectDir(project)).dir, paths, { signal, onProgress: emit })),
    "artifacts.remove": async ({ project, path }) => removeArtifact((await openProjectDir(project)).dir, path),

    "images.build": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      if (building.has(dir)) throw new StagemakerError("conflict", "A build of this project is already running; wait for it or cancel it.");
      building.add(dir);
      try {
        const inputs = await settings.forBuild();
        return await track(ctx.signal, (signal) => engine(() => buildImage(docker, dir, manifest, emit, { signal, ...inputs })));
      } finally {
        building.delete(dir);
      }
    },

    "containers.run": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      ports.delete(dir);
      return remember(dir, await track(ctx.signal, (signal) => engine(() => runContainer(docker, dir, manifest, emit, { signal }))));
    },
    "containers.reload": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      reloading.add(dir);
      return track(ctx.signal, (signal) =>
        engine(async () => {
          // Dev mode: restart only the server process. Otherwise: layer-cached rebuild, then a new container.
          const reloaded = await reloadDevContainer(docker, dir, manifest, emit, signal);
          if (reloaded) return remember(dir, reloaded);
          await buildImage(docker, dir, manifest, (e) => e.type === "log" && emit({ type: "log", stream: "stdout", line: e.line }), { signal, ...(await settings.forBuild()) });
          ports.delete(dir);
          return remember(dir, await runContainer(docker, dir, manifest, emit, { signal }));
        }),
      ).finally(() => reloading.delete(dir));
    },
    "containers.status": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      return remember(dir, await engine(() => containerStatus(docker, dir, { reloading: reloading.has(dir) })));
    },
    "containers.stop": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      ports.delete(dir);
      await engine(async () => {
        for (const c of await findProjectContainers(docker, dir)) await removeContainer(docker.getContainer(c.Id), 30);
      });
      return { state: "stopped" };
    },
    "containers.logs": async ({ project, tail, follow }, emit, ctx) => {
      const { dir } = await openProjectDir(project);
      await track(ctx.signal, (signal) =>
        engine(async () => {
          const [latest] = await findProjectContainers(docker, dir);
          if (!latest) throw new StagemakerError("not-running", "The project has no container. Run it first.");
          await followLogs(docker, docker.getContainer(latest.Id), (stream, line) => emit({ stream, line, at: new Date().toISOString() }), { tail, follow, signal });
        }),
      );
      if (ctx.signal.aborted) throw new StagemakerError("cancelled", "Stopped following the logs.");
      return { done: true };
    },

    "invocations.send": async ({ project, ...request }, ctx) => {
      const { dir } = await openProjectDir(project);
      let port = await portOf(dir);
      if (!port) throw new StagemakerError("not-running", "The project is not running. Run it first (`stagemaker run` or the Run button).");
      let result = await sendInvocation(port, request, ctx.signal);
      if (result.failure?.kind === "refused" && ports.get(dir) === port) {
        // The container may have been restarted on another port since we looked.
        ports.delete(dir);
        const fresh = await portOf(dir);
        if (fresh && fresh !== port) result = await sendInvocation((port = fresh), request, ctx.signal);
      }
      await history(dir).add({ request, result });
      return result;
    },
    "invocations.history": async ({ project }) => history((await openProjectDir(project)).dir).list(),

    ...settings.channels,
    ...folderChannels({ homeDir: options.homeDir ?? options.workspaceDir, workspaceDir: options.workspaceDir }),

    close: async () => {
      for (const c of inFlight) c.abort();
      inFlight.clear();
      await Promise.all([...histories.values()].map((h) => h.flush()));
    },
  };
}
