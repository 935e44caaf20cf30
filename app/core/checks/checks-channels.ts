// The checks channel: the readiness report for a project's built image.
import type Docker from "dockerode";
import { CheckReport, type Services } from "../../contract";
import { openProjectDir } from "../project-dir";
import { readResult, saveResult } from "../transform/saved-result";
import { runChecks } from "./run-checks";

export function checksChannels(docker: Docker, engine: <T>(work: () => Promise<T>) => Promise<T>): Pick<Services, "checks.run" | "checks.last"> {
  return {
    "checks.run": async (input, emit) => {
      const { dir, manifest } = await openProjectDir(input.project);
      const report = await engine(() => runChecks(docker, dir, manifest, input, emit));
      await saveResult(dir, "last-check.json", report);
      return report;
    },
    "checks.last": async ({ project }) => readResult((await openProjectDir(project)).dir, "last-check.json", CheckReport),
  };
}
