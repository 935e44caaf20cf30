// The build.* channels: build the project's image, one build per project at a time.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { buildImage } from "./build-image";
import type { BuildLock } from "./build-lock";
import type { BuildInputs } from "../settings/effective-settings";
import type { ServingGuard } from "../serving-guard";

export interface BuildDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  lock: BuildLock;
  /** The CA bundle and build args from the user's settings, read for each build. */
  buildInputs: BuildInputs;
  /** Refuses a project whose model would not be the one served (a refused intake, the template's example predictor). */
  guard: ServingGuard;
}

export function buildChannels({ engine, work, lock, buildInputs, guard }: BuildDeps): DomainServices<"build"> {
  return {
    "build.run": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      await guard(dir, manifest, "build");
      return lock.hold(dir, async () => {
        const inputs = await buildInputs();
        return work.track(ctx.signal, (signal) => engine.use(() => buildImage(engine.docker, dir, manifest, emit, { signal, ...inputs })));
      });
    },
  };
}
