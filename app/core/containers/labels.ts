import type Docker from "dockerode";

export const LABEL_PROJECT = "com.stagemaker.project";
export const LABEL_MANAGED = "com.stagemaker.managed";
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
