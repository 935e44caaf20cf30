// The checks channel: the readiness report for a project's built image.
import type Docker from "dockerode";
import type { Services } from "../../contract";
import { openProjectDir } from "../project-dir";
import { runChecks } from "./run-checks";

export function checksChannels(docker: Docker, engine: <T>(work: () => Promise<T>) => Promise<T>): Pick<Services, "checks.run"> {
  return {
    "checks.run": async (input, emit) => {
      const { dir, manifest } = await openProjectDir(input.project);
      return engine(() => runChecks(docker, dir, manifest, input, emit));
    },
  };
}
