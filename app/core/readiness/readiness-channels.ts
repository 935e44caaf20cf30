// The checks channel: the readiness report for a project's built image.
import { CheckReport, type DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { readResult, saveResult } from "../projects/saved-result";
import { runChecks } from "./run-checks";

export function readinessChannels({ engine, work }: { engine: EngineAccess; work: WorkInFlight }): DomainServices<"checks"> {
  return {
    "checks.run": async (input, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(input.project);
      const report = await work.track(ctx.signal, (signal) =>
        engine.use(() => runChecks(engine.docker, dir, manifest, input, emit, signal)),
      );
      await saveResult(dir, "last-check.json", report);
      return report;
    },
    "checks.last": async ({ project }) => readResult((await openProjectDir(project)).dir, "last-check.json", CheckReport),
  };
}
