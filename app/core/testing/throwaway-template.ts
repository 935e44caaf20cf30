import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { LABEL_FOLDER, LABEL_PROJECT } from "../containers/labels";
import { removeToolsContainer } from "../diagnostics/tools-container";

/** A tiny template (VERSION + Dockerfile + files) so core tests need not wait for a Python build. */
export function throwawayTemplate(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smk-template-"));
  writeFileSync(join(dir, "VERSION"), "0.0.0-test\n");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A unique project name so parallel helpers on the same engine never collide. */
export function uniqueName(prefix: string): string {
  return `smk-test-${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/** Removes the containers (every kind that worked for the project), model data volumes and image a test made for a project (by label and tag only). */
export async function cleanUpProject(projectDir: string, imageTag?: string): Promise<void> {
  const docker = new Docker();
  // The server (older containers carry only com.stagemaker.project), then every other kind that worked for the folder.
  for (const label of [`${LABEL_PROJECT}=${projectDir}`, `${LABEL_FOLDER}=${projectDir}`]) {
    const list = await docker.listContainers({ all: true, filters: { label: [label] } });
    for (const c of list)
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  const volumes = (await docker.listVolumes({ filters: { label: [`${LABEL_FOLDER}=${projectDir}`] } })).Volumes ?? [];
  for (const v of volumes)
    await docker
      .getVolume(v.Name)
      .remove({ force: true })
      .catch(() => undefined);
  await removeToolsContainer(docker, projectDir).catch(() => undefined);
  if (imageTag)
    await docker
      .getImage(imageTag)
      .remove({ force: true })
      .catch(() => undefined);
}
