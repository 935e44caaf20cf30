// The project's image with the generated requirements, built from a scratch copy of the project so
// nothing in the project changes before the person accepts; its layers are the ones the project's
// own build reuses afterwards.
import type { BuildSettings } from "../../settings/effective-settings";
import type Docker from "dockerode";
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { BuildEvent, Manifest } from "../../../contract";
import { buildImage } from "../../build/build-image";
import { ARTIFACTS_DIR, PROJECT_STATE_DIR, TOOL_FOLDERS } from "../../projects/project-layout";

export interface FrameworkImageOptions {
  requirements: string;
  systemPackages: string;
  /** The app's server/frameworks and tools/ replace the project's (the adapters and CLI the app knows now). */
  templateDir: string;
  signal?: AbortSignal;
  /** CA bundle and build args (the user's settings). */
  build?: BuildSettings;
}

const LEFT_OUT = new Set([...TOOL_FOLDERS, ARTIFACTS_DIR, PROJECT_STATE_DIR, "wheelhouse-cache"]);

export async function buildFrameworkImage(
  docker: Docker,
  projectDir: string,
  manifest: Manifest,
  emit: (e: BuildEvent) => void,
  opts: FrameworkImageOptions,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), "stagemaker-intake-"));
  try {
    await cp(projectDir, scratch, { recursive: true, filter: (src) => src === projectDir || !LEFT_OUT.has(basename(src)) });
    await writeFile(join(scratch, "requirements.txt"), opts.requirements);
    await writeFile(join(scratch, "system-packages.txt"), opts.systemPackages);
    await rm(join(scratch, "server", "frameworks"), { recursive: true, force: true });
    await cp(join(opts.templateDir, "server", "frameworks"), join(scratch, "server", "frameworks"), {
      recursive: true,
      filter: (src) => !TOOL_FOLDERS.includes(basename(src)),
    });
    const init = join(scratch, "server", "__init__.py");
    if (!(await stat(init).catch(() => null))) await writeFile(init, "");
    // And the app's tools/ (the frameworks' CLI these containers run) replaces the project's; a
    // project made before tools/ existed gets it, with the COPY its Dockerfile lacks.
    await rm(join(scratch, "tools"), { recursive: true, force: true });
    await cp(join(opts.templateDir, "tools"), join(scratch, "tools"), {
      recursive: true,
      filter: (src) => !TOOL_FOLDERS.includes(basename(src)),
    });
    const dockerfile = join(scratch, "Dockerfile");
    const recipe = await readFile(dockerfile, "utf8");
    if (!/^COPY tools\//m.test(recipe))
      await writeFile(dockerfile, recipe.replace(/^COPY server\/ \.\/server\/$/m, "$&\nCOPY tools/ ./tools/"));
    const tag = `stagemaker-intake/${manifest.imageTag.replace(/^.*\//, "").replace(/:.*$/, "")}:latest`;
    await buildImage(docker, scratch, { ...manifest, imageTag: tag, bakeArtifacts: false }, emit, {
      signal: opts.signal,
      ...opts.build,
      projectDir,
    });
    return tag;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
