// Removes what an e2e test made on the shared engine for one project: its containers and its tools container (by label) and image (by tag).
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);

export async function removeProjectFromEngine(projectDir: string): Promise<void> {
  if (!projectDir) return;
  for (const label of [`com.stagemaker.project=${projectDir}`, `com.stagemaker.tools-for=${projectDir}`]) {
    const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=${label}`]).catch(() => ({ stdout: "" }));
    const ids = stdout.split(/\s+/).filter(Boolean);
    if (ids.length) await run("docker", ["rm", "-f", ...ids]).catch(() => undefined);
  }
  const manifest = join(projectDir, "stagemaker.json");
  const tag = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { imageTag?: string }).imageTag : undefined;
  if (tag) await run("docker", ["rmi", "-f", tag]).catch(() => undefined);
}
