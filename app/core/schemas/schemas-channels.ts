// The schemas.* channels: read the schemas through Python, preview and write model files from a field table.
import { join } from "node:path";
import { type DomainServices, StagemakerError } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import { writeFileAtomic } from "../projects/atomic-write";
import { MODEL_PATHS, pydanticCode } from "./pydantic-code";
import { readSchemas } from "./read-schemas";
import { refuseSchemasOfHandler } from "./handler-guard";

export function schemasChannels({ engine }: { engine: EngineAccess }): DomainServices<"schemas"> {
  const { docker } = engine;
  return {
    "schemas.read": async ({ project, refresh }) => {
      const { dir, manifest } = await openProjectDir(project);
      refuseSchemasOfHandler(manifest);
      return engine.use(() => readSchemas(docker, dir, manifest, { refresh }));
    },
    "schemas.code": async ({ which, spec }) => ({ path: MODEL_PATHS[which], code: pydanticCode(which, spec) }),
    "schemas.writeModel": async ({ project, which, spec }) => {
      const { dir, manifest } = await openProjectDir(project);
      // Python, on the file as it is now, decides whether the table may replace it: never clobber code.
      const current = await engine.use(() => readSchemas(docker, dir, manifest));
      const source = current.sources[which];
      if (!source.editable)
        throw new StagemakerError(
          "conflict",
          `${MODEL_PATHS[which]} holds code the field table cannot represent (${source.problems.join("; ")}). Edit it in the Code tab.`,
        );
      const code = pydanticCode(which, spec);
      await writeFileAtomic(join(dir, MODEL_PATHS[which]), code);
      return { path: MODEL_PATHS[which], code };
    },
  };
}
