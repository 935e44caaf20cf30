// The project's own image: found by its tag, checked by its labels to belong to this project folder,
// adopted from the shared tag a project had before ids existed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { type Manifest, StagemakerError } from "../../contract";
import { readBuildRecord } from "./build-record";
import { isSharedOldTag } from "../projects/image-name";
import { MANIFEST_FILE } from "../projects/project-layout";
import { LABEL_FOLDER, LABEL_PROJECT_ID } from "../containers/labels";

/** The labels `build` writes on the image: which folder and project id it was built from. */
export function imageLabels(projectDir: string, manifest: Manifest): Record<string, string> {
  return { [LABEL_FOLDER]: projectDir, ...(manifest.projectId ? { [LABEL_PROJECT_ID]: manifest.projectId } : {}) };
}

/**
 * Why this project must not use (or overwrite) the image, when its labels name another project:
 * another id, or the same id in another folder that still holds that project (a copied folder).
 * Images without labels (built before them) are accepted.
 */
export async function ownerProblem(info: Docker.ImageInspectInfo, projectDir: string, manifest: Manifest): Promise<string | undefined> {
  const labels = info.Config?.Labels ?? {};
  const id = labels[LABEL_PROJECT_ID];
  const folder = labels[LABEL_FOLDER];
  if (id && manifest.projectId && id !== manifest.projectId) {
    return `The image ${manifest.imageTag} belongs to another project (id ${id}${folder ? `, in ${folder}` : ""}): running it would serve that project's model. Give this project its own tag: set "imageTag" in ${MANIFEST_FILE} back to "stagemaker/<name>-${manifest.projectId}:latest", then build.`;
  }
  if (id && folder && folder !== projectDir && (await projectIdIn(folder)) === id) {
    return `The image ${manifest.imageTag} was built from ${folder}, a project with the same id as this one: this folder looks like a copy of it. Give the copy its own id and image: remove the "projectId" line from ${join(projectDir, MANIFEST_FILE)}, open the project again and build it.`;
  }
  return undefined;
}

async function projectIdIn(folder: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(folder, MANIFEST_FILE), "utf8")) as { projectId?: string }).projectId;
  } catch {
    return undefined; // moved or deleted: the image is this project's, carried along
  }
}

/**
 * The project's built image, refused with a reason when its labels name another project. A
 * project migrated to its own tag finds its last build under the old shared tag when that tag
 * still points at the very image its build record names (nothing else built over it since).
 */
export async function projectImage(docker: Docker, projectDir: string, manifest: Manifest): Promise<Docker.ImageInspectInfo> {
  let info = await docker
    .getImage(manifest.imageTag)
    .inspect()
    .catch(() => null);
  if (!info) {
    const record = await readBuildRecord(projectDir);
    if (record && record.tag !== manifest.imageTag && isSharedOldTag(record.tag, manifest.name)) {
      const old = await docker
        .getImage(record.tag)
        .inspect()
        .catch(() => null);
      if (old?.Id === record.imageId) {
        const [repo, tag] = splitTag(manifest.imageTag);
        await docker.getImage(old.Id).tag({ repo, tag });
        info = old;
      }
    }
  }
  if (!info)
    throw new StagemakerError(
      "not-found",
      `The image ${manifest.imageTag} does not exist yet. Build the project first (Build tab, or \`stagemaker build DIR\`).`,
    );
  const problem = await ownerProblem(info, projectDir, manifest);
  if (problem) throw new StagemakerError("conflict", problem);
  return info;
}

function splitTag(ref: string): [string, string] {
  const colon = ref.lastIndexOf(":");
  return colon > ref.lastIndexOf("/") ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, "latest"];
}
