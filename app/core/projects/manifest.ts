import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { issuesOf, Manifest, StagemakerError } from "../../contract";
import { writeFileAtomic } from "./atomic-write";

import { MANIFEST_FILE } from "./project-layout";

export async function readManifest(projectDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(projectDir, MANIFEST_FILE), "utf8");
  } catch {
    throw new StagemakerError(
      "not-found",
      `${projectDir} is not a Stagemaker project: it has no ${MANIFEST_FILE}. Create a project there (New project in the app, or \`stagemaker new DIR\`).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StagemakerError("invalid-input", `${MANIFEST_FILE} is not valid JSON (${(err as Error).message}); fix it in an editor.`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success)
    throw new StagemakerError(
      "invalid-input",
      `${MANIFEST_FILE} does not match the expected shape:\n${z.prettifyError(parsed.error)}`,
      issuesOf(parsed.error),
    );
  return parsed.data;
}

export async function writeManifest(projectDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(projectDir, MANIFEST_FILE), JSON.stringify(Manifest.parse(manifest), null, 2) + "\n");
}
