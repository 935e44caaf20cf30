import { isAbsolute, resolve } from "node:path";
import { type Manifest, StagemakerError } from "../contract";
import { imageTagFor, isSharedOldTag, newProjectId } from "./projects/image-name";
import { readManifest, writeManifest } from "./projects/manifest";

/** Migrations under way, so two calls opening one old project at once give it one id, not two. */
const migrating = new Map<string, Promise<Manifest>>();

/** The project folder named by a contract input, checked to be a Stagemaker project. */
export async function openProjectDir(project: string): Promise<{ dir: string; manifest: Manifest }> {
  if (!isAbsolute(project)) throw new StagemakerError("invalid-input", `Give the project as an absolute folder path (got "${project}").`);
  const dir = resolve(project);
  const manifest = await readManifest(dir);
  return { dir, manifest: manifest.projectId ? manifest : await migrate(dir) };
}

/**
 * A project made before ids existed gets one, and its shared `stagemaker/<name>:latest` tag becomes
 * its own (a custom tag the person chose stays). Its last build is adopted under the new tag when
 * the engine still has it (containers/project-image.ts).
 */
function migrate(dir: string): Promise<Manifest> {
  let running = migrating.get(dir);
  if (!running) {
    running = (async () => {
      const current = await readManifest(dir);
      if (current.projectId) return current;
      const projectId = newProjectId();
      const next = {
        ...current,
        projectId,
        imageTag: isSharedOldTag(current.imageTag, current.name) ? imageTagFor(current.name, projectId) : current.imageTag,
      };
      await writeManifest(dir, next);
      return next;
    })().finally(() => migrating.delete(dir));
    migrating.set(dir, running);
  }
  return running;
}
