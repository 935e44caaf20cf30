import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Artifact, StagemakerError } from "../../contract";
import { cleanProjectPath, resolveInProject } from "../projects/safe-path";
import { ARTIFACTS_DIR } from "../projects/project-layout";

/** Every file under artifacts/, skipping in-flight imports (dot-prefixed temporaries). */
export async function listArtifacts(projectDir: string): Promise<Artifact[]> {
  const root = join(projectDir, ARTIFACTS_DIR);
  const out: Artifact[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(dir, e.name), rel);
      else if (e.isFile()) out.push({ path: rel, size: (await stat(join(dir, e.name))).size });
    }
  };
  await walk(root, "");
  return out;
}

export async function removeArtifact(projectDir: string, relPath: string): Promise<Artifact[]> {
  const abs = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${cleanProjectPath(relPath)}`);
  const exists = await stat(abs).then(
    () => true,
    () => false,
  );
  if (!exists) throw new StagemakerError("not-found", `The artifact ${relPath} does not exist.`);
  await rm(abs, { recursive: true, force: true });
  return listArtifacts(projectDir);
}
