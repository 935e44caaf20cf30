import type Docker from "dockerode";

/** SIGTERM, the grace period (SageMaker's 30 s), then SIGKILL by the engine; then remove. */
export async function removeContainer(container: Docker.Container, graceSeconds = 30): Promise<void> {
  await container.stop({ t: graceSeconds }).catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 304 && err.statusCode !== 404) throw err; // 304: already stopped
  });
  await container.remove({ force: true }).catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404 && err.statusCode !== 409) throw err; // 409: removal already in progress
  });
}
