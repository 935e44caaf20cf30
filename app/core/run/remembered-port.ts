// A stable host port per project: the one the manifest remembers, reused while it is free.
import { readManifest, writeManifest } from "../projects/manifest";

/** The engine's words when a published port is held by someone else. */
export function isPortTaken(err: unknown): boolean {
  return /port is already allocated|address already in use|bind for .* failed/i.test((err as Error)?.message ?? "");
}

/**
 * Writes the port the container got into stagemaker.json (run.hostPort) so the next Run or
 * Restart asks for the same one. Re-reads the manifest first: the person may have saved it meanwhile.
 */
export async function rememberPort(projectDir: string, hostPort: number): Promise<void> {
  const manifest = await readManifest(projectDir);
  if (manifest.run.hostPort === hostPort) return;
  await writeManifest(projectDir, { ...manifest, run: { ...manifest.run, hostPort } });
}
