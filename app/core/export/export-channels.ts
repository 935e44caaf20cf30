// The export channels, wired to the core: plan, run (with progress), and the last settings.
import type Docker from "dockerode";
import type { Services } from "../../contract";
import { StagemakerError } from "../../contract";
import { openProjectDir } from "../project-dir";
import { lastExportSettings, saveExportSettings } from "./export-settings";
import { planExport } from "./plan-export";
import { type RunDeps, runExport } from "./run-export";

export interface ExportChannelDeps {
  docker: Docker;
  templateDir: string;
  /** Runs engine work with the engine's own error handling (unreachable → a clear error). */
  engine: <T>(work: () => Promise<T>) => Promise<T>;
  build: (project: string) => RunDeps["build"];
}

export function exportChannels(deps: ExportChannelDeps): Pick<Services, "export.plan" | "export.run" | "export.lastSettings"> {
  const running = new Set<string>();
  return {
    "export.plan": async (input, ctx) => {
      const project = await openProjectDir(input.project);
      return deps.engine(async () => (await planExport(deps, project, input, { signal: ctx.signal })).plan);
    },
    "export.run": async (input, emit, ctx) => {
      const project = await openProjectDir(input.project);
      if (running.has(project.dir)) throw new StagemakerError("conflict", "An export of this project is already running; wait for it.");
      running.add(project.dir);
      try {
        const { project: _project, ...settings } = input;
        const result = await deps.engine(() => runExport({ ...deps, build: deps.build(project.dir) }, project, input, emit, ctx.signal));
        await saveExportSettings(project.dir, settings);
        return result;
      } finally {
        running.delete(project.dir);
      }
    },
    "export.lastSettings": async ({ project }) => lastExportSettings((await openProjectDir(project)).dir),
  };
}
