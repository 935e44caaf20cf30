// The load channels: a sweep against the project's running container, and the runs saved in the project.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { ServingGuard } from "../serving-guard";
import type { WorkInFlight } from "../work-in-flight";
import { runLoad } from "./run-load";
import { listRuns } from "./saved-runs";

export function loadChannels({
  engine,
  work,
  guard,
}: {
  engine: EngineAccess;
  work: WorkInFlight;
  guard: ServingGuard;
}): DomainServices<"load"> {
  return {
    "load.run": async (input, emit, ctx) =>
      work.track(ctx.signal, async (signal) => {
        const { dir, manifest } = await openProjectDir(input.project);
        await guard(dir, manifest, "load");
        return engine.use(() => runLoad(engine.docker, dir, input, emit, signal));
      }),
    "load.runs": async ({ project }) => listRuns((await openProjectDir(project)).dir),
  };
}
