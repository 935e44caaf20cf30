// The readiness.* channels: the readiness report for a project's built image.
import { CheckReport, type DomainServices } from "../../contract";
import { openProjectDir } from "../project-dir";
import { readResult, saveResult } from "../projects/saved-result";
import { runChecks } from "./run-checks";
import type { ServingJobDeps } from "../serving-guard";

export function readinessChannels({ engine, work, guard }: ServingJobDeps): DomainServices<"readiness"> {
  return {
    "readiness.run": async (input, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(input.project);
      await guard(dir, manifest, "check");
      const report = await work.track(ctx.signal, (signal) =>
        engine.use(() => runChecks(engine.docker, dir, manifest, input, emit, signal)),
      );
      await saveResult(dir, "last-check.json", report);
      return report;
    },
    "readiness.last": async ({ project }) => readResult((await openProjectDir(project)).dir, "last-check.json", CheckReport),
  };
}
