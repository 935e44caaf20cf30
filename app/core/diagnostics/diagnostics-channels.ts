// The diagnostics.* channels: Python problems of model/ files from the project's tools container.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { BuildInputs } from "../settings/effective-settings";
import { resolveInProject } from "../projects/safe-path";
import { checkPython, ToolsContainers } from "./check-python";
import { stat } from "node:fs/promises";

export interface DiagnosticsDeps {
  engine: EngineAccess;
  templateDir: string;
  /** The user's CA bundle and proxy/index build args, read for each check (settings apply without a restart). */
  buildInputs: BuildInputs;
  containers?: ToolsContainers;
}

export function diagnosticsChannels({
  engine,
  templateDir,
  buildInputs,
  containers = new ToolsContainers(),
}: DiagnosticsDeps): DomainServices<"diagnostics"> {
  return {
    "diagnostics.check": async ({ project, paths = ["model"], draft }) => {
      const { dir } = await openProjectDir(project);
      for (const p of [...paths, ...(draft ? [draft.path] : [])]) await resolveInProject(dir, p); // refuses paths leading outside
      // A root the project does not have (artifacts/code/ outside script mode) is nothing to check, not a problem.
      const present = await existing(dir, paths);
      const { extraCaCertsPath, buildArgs } = await buildInputs();
      return engine.use(() =>
        checkPython(
          engine.docker,
          containers,
          { projectDir: dir, templateDir, extraCaCertsPath, buildArgs },
          present.length ? present : paths.slice(0, 1),
          draft,
        ),
      );
    },
  };
}

async function existing(dir: string, paths: string[]): Promise<string[]> {
  const found = await Promise.all(paths.map(async (p) => ((await stat(await resolveInProject(dir, p)).catch(() => null)) ? p : null)));
  return found.filter((p): p is string => p !== null);
}
