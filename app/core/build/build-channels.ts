// The images.* channels: build the project's image, one build per project at a time.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { buildImage } from "./build-image";
import type { BuildLock } from "./build-lock";
import type { BuildInputs } from "../settings/effective-settings";

export interface BuildDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  lock: BuildLock;
  /** The CA bundle and build args from the user's settings, read for each build. */
  buildInputs: BuildInputs;
}

export function buildChannels({ engine, work, lock, buildInputs }: BuildDeps): DomainServices<"images"> {
  return {
    "images.build": async ({ project }, emit, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      return lock.hold(dir, async () => {
        const inputs = await buildInputs();
        return work.track(ctx.signal, (signal) => engine.use(() => buildImage(engine.docker, dir, manifest, emit, { signal, ...inputs })));
      });
    },
  };
}
