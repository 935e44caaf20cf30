// The schemas.* channels: read the schemas through Python, preview and write model files from a field table (written by Python too).
import { join } from "node:path";
import { type DomainServices, StagemakerError } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { openProjectDir } from "../project-dir";
import { writeFileAtomic } from "../projects/atomic-write";
import type { BuildInputs } from "../settings/effective-settings";
import { MODEL_PATHS, type ModelWriter } from "./model-writer";
import { readSchemas } from "./read-schemas";
import { refuseSchemasOfHandler } from "./handler-guard";

export interface SchemasDeps {
  engine: EngineAccess;
  /** Python's writer in the project's tools container. */
  writer: ModelWriter;
  templateDir: string;
  /** The user's CA bundle and proxy/index build args, for the tools image's first build. */
  buildInputs: BuildInputs;
}

export function schemasChannels({ engine, writer, templateDir, buildInputs }: SchemasDeps): DomainServices<"schemas"> {
  const { docker } = engine;
  const write = async (dir: string, which: "instance" | "prediction", spec: Parameters<ModelWriter["write"]>[3]) => {
    const { extraCaCertsPath, buildArgs } = await buildInputs();
    return engine.use(() => writer.write(docker, { projectDir: dir, templateDir, extraCaCertsPath, buildArgs }, which, spec));
  };
  return {
    "schemas.read": async ({ project, refresh }) => {
      const { dir, manifest } = await openProjectDir(project);
      refuseSchemasOfHandler(manifest);
      return engine.use(() => readSchemas(docker, dir, manifest, { refresh }));
    },
    "schemas.code": async ({ project, which, spec }) => {
      const { dir } = await openProjectDir(project);
      return write(dir, which, spec);
    },
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
      const written = await write(dir, which, spec);
      await writeFileAtomic(join(dir, written.path), written.code);
      return written;
    },
  };
}
