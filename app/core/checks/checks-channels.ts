// The checks channel: the readiness report for a project's built image.
import { CheckReport, type DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import { readResult, saveResult } from "../transform/saved-result";
import { runChecks } from "./run-checks";

export function checksChannels({ engine }: { engine: EngineAccess }): DomainServices<"checks"> {
  return {
    "checks.run": async (input, emit) => {
      const { dir, manifest } = await openProjectDir(input.project);
      const report = await engine.use(() => runChecks(engine.docker, dir, manifest, input, emit));
      await saveResult(dir, "last-check.json", report);
      return report;
    },
    "checks.last": async ({ project }) => readResult((await openProjectDir(project)).dir, "last-check.json", CheckReport),
  };
}
