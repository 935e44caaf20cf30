// The diagnostics.* channels: Python problems of model/ files from the project's tools container.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { BuildInputs } from "../settings/effective-settings";
import { resolveInProject } from "../projects/safe-path";
import { checkPython, ToolsContainers } from "./check-python";

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
      const { extraCaCertsPath, buildArgs } = await buildInputs();
      return engine.use(() =>
        checkPython(engine.docker, containers, { projectDir: dir, templateDir, extraCaCertsPath, buildArgs }, paths, draft),
      );
    },
  };
}
