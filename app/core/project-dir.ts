import { isAbsolute, resolve } from "node:path";
import { type Manifest, StagemakerError } from "../contract";
import { readManifest } from "./projects/manifest";

/** The project folder named by a contract input, checked to be a Stagemaker project. */
export async function openProjectDir(project: string): Promise<{ dir: string; manifest: Manifest }> {
  if (!isAbsolute(project)) throw new StagemakerError("invalid-input", `Give the project as an absolute folder path (got "${project}").`);
  const dir = resolve(project);
  return { dir, manifest: await readManifest(dir) };
}
