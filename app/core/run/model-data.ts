// Model data laid out as SageMaker lays it out: artifacts/ copied into a volume (as SageMaker extracts
// model.tar.gz into /opt/ml/model before the container starts), mounted read-only. No host bind:
// on SageMaker there is no project folder to read from.
import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { pack } from "tar-fs";
import { LABEL_FOLDER, LABEL_KIND, LABEL_MANAGED } from "../containers/labels";
import { newContainer, removeStarted } from "../containers/start-container";
import { startedContainers } from "../containers/started-containers";

export interface ModelData {
  /** Mount it read-only at /opt/ml/model. */
  mount: Docker.MountSettings;
  remove(): Promise<void>;
}

export async function copyModelData(docker: Docker, image: string, artifactsDir: string, projectDir: string): Promise<ModelData> {
  const name = `stagemaker-model-${randomBytes(6).toString("hex")}`;
  await docker.createVolume({ Name: name, Labels: { [LABEL_MANAGED]: "true", [LABEL_KIND]: "model-data", [LABEL_FOLDER]: projectDir } });
  const registry = startedContainers(docker);
  registry.addVolume(name);
  const remove = async () => {
    await docker
      .getVolume(name)
      .remove({ force: true })
      .catch(() => undefined);
    registry.forgetVolume(name);
  };
  try {
    // A created (never started) container of the image holds the volume while the files go in.
    const loader = await newContainer(docker, {
      kind: "model-data",
      image,
      cmd: ["true"],
      project: { dir: projectDir },
      mounts: [{ Type: "volume", Source: name, Target: "/opt/ml/model" }],
    });
    try {
      // Owned by root, as SageMaker's extraction leaves them (and readable without any capability).
      const archive = pack(artifactsDir, { map: (h) => ({ ...h, uid: 0, gid: 0, uname: "root", gname: "root" }) });
      await loader.putArchive(archive as unknown as NodeJS.ReadableStream, { path: "/opt/ml/model" });
    } finally {
      await removeStarted(docker, loader);
    }
  } catch (err) {
    await remove();
    throw err;
  }
  return { mount: { Type: "volume", Source: name, Target: "/opt/ml/model", ReadOnly: true }, remove };
}
