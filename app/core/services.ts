// The core's table of channels: each capability exports its handlers; this file only wires them together.
import type { Services } from "../contract";
import { artifactsChannels } from "./artifacts/artifacts-channels";
import { runChannels } from "./run/run-channels";
import { ProjectPorts } from "./run/project-ports";
import { startedContainers } from "./containers/started-containers";
import { openEngine } from "./engine/engine-access";
import { engineChannels } from "./engine/engine-channels";
import { exportChannels } from "./export/export-channels";
import { diagnosticsChannels } from "./diagnostics/diagnostics-channels";
import { ToolsContainers } from "./diagnostics/check-python";
import type { EngineOptions } from "./engine/locate-engine";
import { codeChannels } from "./code/code-channels";
import { BuildLock } from "./build/build-lock";
import { buildChannels } from "./build/build-channels";
import { modelChannels } from "./model/model-channels";
import { servingGuard } from "./model/refusal/model-refusal";
import { InvocationHistories, invokeChannels } from "./invoke/invoke-channels";
import { projectsChannels } from "./projects/projects-channels";
import { RecentProjects } from "./projects/recent-projects";
import { examplesChannels } from "./examples/examples-channels";
import { endSchemaSessions } from "./schemas/schema-session";
import { ModelWriter } from "./schemas/model-writer";
import { schemasChannels } from "./schemas/schemas-channels";
import { folderChannels } from "./folders/list-folders";
import type { DetectedEnvironment } from "./settings/effective-settings";
import { settingsChannels } from "./settings/settings-channels";
import { WorkInFlight } from "./work-in-flight";
import { readinessChannels } from "./readiness/readiness-channels";
import { pipelineChannels } from "./pipeline/pipeline-channels";
import { transformChannels } from "./transform/transform-channels";
import { loadChannels } from "./load/load-channels";

/** Where a system keeps its CA bundle; the faces pass these in as the last places auto-detection looks. */
export { SYSTEM_CA_BUNDLES } from "./settings/effective-settings";

/** Everything the core needs from outside; filled by app/faces-common/services-options.ts (the core reads no environment). */
export interface ServicesOptions {
  /** Where projects created by name go. */
  workspaceDir: string;
  /** Per-user state (recent projects). */
  stateDir: string;
  /** The server template new projects are copied from. */
  templateDir: string;
  /** The environment the app started in: CA bundles, proxies and pip index that settings fall back to (none when omitted). */
  environment?: DetectedEnvironment;
  /** The user's home: the browser face's folder picker shows it and the workspace (only the workspace when omitted). */
  homeDir?: string;
  /** Where the engine is: an explicit host, or the docker CLI's variables in `env`. */
  docker?: EngineOptions;
  /** The environment git runs with when exporting (the user's credentials and SSH agent). */
  gitEnvironment?: NodeJS.ProcessEnv;
}

/**
 * Every channel of the contract, as a plain table. A capability adds its channels with one line,
 * `...<capability>Channels(deps)`, written in app/core/<capability>/<capability>-channels.ts; the
 * shared pieces below (engine, work in flight, ports, histories) are what those functions take.
 */
export interface CloseOptions {
  /**
   * Leave the project servers and pipelines this session started running. Unset: the person's
   * "keep running after quit" setting decides (the app's faces); the CLI passes true, as a
   * `run`'s server is what the command was for. Transient containers stop either way.
   */
  keepServers?: boolean;
}

export function createServices(options: ServicesOptions): Services & { close(options?: CloseOptions): Promise<void> } {
  const engine = openEngine(options.docker);
  const work = new WorkInFlight();
  const ports = new ProjectPorts(engine);
  const histories = new InvocationHistories();
  const recent = new RecentProjects(options.stateDir);
  // Builds (the Build tab, reloads, export, model plans) read the user's settings afresh each time, so a change applies without a restart.
  const settings = settingsChannels(options.stateDir, options.environment ?? { env: {}, systemCaBundles: [] });
  const buildInputs = settings.forBuild;
  const buildLock = new BuildLock();
  const toolsContainers = new ToolsContainers();
  const modelWriter = new ModelWriter(toolsContainers);
  // Every action that would serve the project's model asks first whether it is the model that would answer.
  const guard = servingGuard(options.templateDir);

  return {
    ...engineChannels({ engine }),
    ...projectsChannels({ workspaceDir: options.workspaceDir, templateDir: options.templateDir, recent }),
    ...codeChannels(),
    ...artifactsChannels({ work }),
    ...buildChannels({ engine, work, lock: buildLock, buildInputs, guard }),
    ...runChannels({ engine, work, ports, buildInputs, guard }),
    ...invokeChannels({ ports, histories, guard }),
    ...schemasChannels({ engine, writer: modelWriter, templateDir: options.templateDir, buildInputs }),
    ...examplesChannels({ ports, histories, guard }),
    ...transformChannels({ engine, work, guard }),
    ...pipelineChannels({ engine, work, guard }),
    ...readinessChannels({ engine, work, guard }),
    ...exportChannels({
      engine,
      work,
      lock: buildLock,
      templateDir: options.templateDir,
      buildInputs,
      gitEnvironment: options.gitEnvironment,
      ports,
      guard,
    }),
    ...modelChannels({ engine, work, templateDir: options.templateDir, buildInputs }),
    ...settings.channels,
    ...folderChannels({ homeDir: options.homeDir ?? options.workspaceDir, workspaceDir: options.workspaceDir }),
    ...diagnosticsChannels({ engine, templateDir: options.templateDir, buildInputs, containers: toolsContainers }),
    ...loadChannels({ engine, work, guard }),

    close: async ({ keepServers }: CloseOptions = {}) => {
      work.abortAll();
      await histories.flush();
      await endSchemaSessions();
      await modelWriter.close();
      await toolsContainers.removeAll(engine.docker);
      const keep = keepServers ?? (await settings.keepRunningAfterQuit().catch(() => false));
      await startedContainers(engine.docker).stopAll(engine.docker, { keepServers: keep });
    },
  };
}
