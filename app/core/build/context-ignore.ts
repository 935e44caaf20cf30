// What of a project folder goes into its image: the one definition the build context and reload share.
import ignore from "@balena/dockerignore";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ARTIFACTS_DIR, MANIFEST_FILE, PROJECT_STATE_DIR } from "../projects/project-layout";

/** Always sent, even when .dockerignore names them: the engine needs them to build. */
const ALWAYS_SENT = new Set(["Dockerfile", ".dockerignore"]);

/**
 * A test on "/"-separated paths relative to the project: true when the path stays out of the build
 * context. `.dockerignore` as `docker build` reads it, plus Stagemaker's own files; artifacts/ is out
 * unless the project bakes it in, and then only its hidden files (uploads in progress) stay out.
 */
export async function contextIgnore(
  projectDir: string,
  { bakeArtifacts = false }: { bakeArtifacts?: boolean } = {},
): Promise<(rel: string) => boolean> {
  const rules = await readFile(join(projectDir, ".dockerignore"), "utf8").then(
    (t) =>
      t
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#")),
    () => [] as string[],
  );
  const ig = ignore().add([...rules, PROJECT_STATE_DIR, MANIFEST_FILE]);
  if (!bakeArtifacts) ig.add(ARTIFACTS_DIR);
  return (rel) => {
    if (ALWAYS_SENT.has(rel)) return false;
    if (bakeArtifacts && (rel === ARTIFACTS_DIR || rel.startsWith(`${ARTIFACTS_DIR}/`))) return basename(rel).startsWith(".");
    return ig.ignores(rel);
  };
}
