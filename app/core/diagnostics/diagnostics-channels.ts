// The diagnostics.* channels: Python problems of model/ files from the project's tools container.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import { resolveInProject } from "../projects/safe-path";
import { checkPython, ToolsContainers } from "./check-python";

export interface DiagnosticsDeps {
  engine: EngineAccess;
  templateDir: string;
  extraCaCertsPath?: string;
  containers?: ToolsContainers;
}

export function diagnosticsChannels({ engine, templateDir, extraCaCertsPath, containers = new ToolsContainers() }: DiagnosticsDeps): DomainServices<"diagnostics"> {
  return {
    "diagnostics.check": async ({ project, paths = ["model"], draft }) => {
      const { dir } = await openProjectDir(project);
      for (const p of [...paths, ...(draft ? [draft.path] : [])]) await resolveInProject(dir, p); // refuses paths leading outside
      return engine.use(() => checkPython(engine.docker, containers, { projectDir: dir, templateDir, extraCaCertsPath }, paths, draft));
    },
  };
}
