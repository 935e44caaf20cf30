// Removes what an e2e test made on the shared engine for one project: its containers, its tools
// container and (unless kept as the next run's cache) its image.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { cleanUpProject } from "../app/core/testing/throwaway-template";

export const run = promisify(execFile);

export async function removeProjectFromEngine(projectDir: string, { keepImage = false } = {}): Promise<void> {
  if (!projectDir) return;
  const manifest = join(projectDir, "stagemaker.json");
  const tag = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { imageTag?: string }).imageTag : undefined;
  await cleanUpProject(projectDir, keepImage ? undefined : tag);
}
