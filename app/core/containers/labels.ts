import type Docker from "dockerode";

/** On the project's server only (kept for containers started before the other labels existed). */
export const LABEL_PROJECT = "com.stagemaker.project";
export const LABEL_MANAGED = "com.stagemaker.managed";
/** On every container and image tied to a project: its folder and its id (stagemaker.json). */
export const LABEL_FOLDER = "com.stagemaker.project-folder";
export const LABEL_PROJECT_ID = "com.stagemaker.project-id";
/** What the container is for (container-profile.ts) and which app session started it. */
export const LABEL_KIND = "com.stagemaker.kind";
export const LABEL_SESSION = "com.stagemaker.session";
/** "true" when model/ is mounted, so a reload may restart only the server. */
export const LABEL_DEV_MODE = "com.stagemaker.dev-mode";

export function containerLabels(projectDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL_PROJECT]: projectDir, [LABEL_MANAGED]: "true", ...extra };
}

/** The project's containers (running or not), found by label so they survive an app restart. */
export async function findProjectContainers(docker: Docker, projectDir: string): Promise<Docker.ContainerInfo[]> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${projectDir}`, `${LABEL_MANAGED}=true`] } });
  return list.sort((a, b) => b.Created - a.Created);
}

/** Host port published for the container's 8080, read back from the engine. */
export function hostPortOf(info: Docker.ContainerInspectInfo): number | undefined {
  const binding = info.NetworkSettings.Ports?.["8080/tcp"]?.[0];
  return binding?.HostPort ? Number(binding.HostPort) : undefined;
}
