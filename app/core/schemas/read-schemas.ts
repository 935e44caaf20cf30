// The Instance/Prediction JSON Schemas of a project, read by Python in its image and cached by the content of model/.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type Docker from "dockerode";
import { type Manifest, ModelSchemas, StagemakerError } from "../../contract";
import { readBuildRecord } from "../build/build-record";
import { contextChangedSince } from "../build/context-changes";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";
import { type PythonAnswer, reportFromDevContainer, reportFromImage } from "./python-in-image";
import { tableFromSchema } from "./table-from-schema";
import { z } from "zod";

/** What Python prints with --report (checked, since a user's server/ may be older or edited). */
const Report = ModelSchemas.pick({ instance: true, prediction: true, fieldOrder: true, pydantic: true, sources: true });

const cacheFile = (dir: string) => join(dir, PROJECT_STATE_DIR, "schemas.json");

/** Hash of everything Python reads to answer: model/, the schema reader in tools/ (server/ before) and server/compat.py. */
export async function schemaInputsHash(projectDir: string, imageId: string): Promise<string> {
  const hash = createHash("sha256").update(imageId);
  const files: string[] = [];
  for (const top of ["model", "server", "tools"]) {
    const entries = await readdir(join(projectDir, top), { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
      const rel = relative(projectDir, join(e.parentPath, e.name)).split(sep).join("/");
      if (
        e.isFile() &&
        rel.endsWith(".py") &&
        (top === "model" || /^(server|tools)\/schema[^/]*\.py$/.test(rel) || rel === "server/compat.py")
      )
        files.push(rel);
    }
  }
  for (const rel of files.sort()) hash.update(`\0${rel}\0`).update(await readFile(join(projectDir, rel)));
  return hash.digest("hex").slice(0, 16);
}

async function readCache(dir: string): Promise<ModelSchemas | undefined> {
  try {
    const parsed = ModelSchemas.safeParse(JSON.parse(await readFile(cacheFile(dir), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Edits since the image was built that the image's Python environment does not see. */
async function staleness(dir: string): Promise<ModelSchemas["stale"]> {
  const record = await readBuildRecord(dir);
  if (!record) return undefined;
  const changed = (
    await contextChangedSince(dir, record.contextReadAt, { excludeDirs: ["model", "server", "tools", "examples", "tests"] })
  ).slice(0, 20);
  if (!changed.length) return undefined;
  return {
    reason: `The image was built before your last edit to ${changed.slice(0, 3).join(", ")}${changed.length > 3 ? "…" : ""}; the schemas come from its older dependencies. Build again to refresh them.`,
    changed,
  };
}

/** What Python printed, checked; a refusal that says what to do when it printed none. */
export function parseAnswer(answer: PythonAnswer): z.infer<typeof Report> {
  // Projects made before Stagemaker read schemas have neither tools/schema.py nor server/schema.py.
  if (/No module named ['"]?server\.schema/.test(answer.stderr))
    throw new StagemakerError(
      "invalid-input",
      "This project has no schema reader (tools/schema.py): it was made before Stagemaker read Instance/Prediction schemas. Copy server/ and tools/ from a project made now (stagemaker new), build it again, then retry.",
    );
  const line = answer.stdout.trim().split("\n").pop() ?? "";
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    throw new StagemakerError("run-failed", `Python could not report the schemas (exit ${answer.exitCode}).`, {
      exitCode: answer.exitCode,
      reason: "python -m tools.schema --report printed no report",
      lastLogs: (answer.stderr || answer.stdout).trim().split("\n").slice(-30),
    });
  }
  const error = (data as { error?: unknown }).error;
  if (typeof error === "string")
    throw new StagemakerError(
      "invalid-input",
      `model/instance.py or model/prediction.py does not import: ${error}. Fix the code; the form shows the last good schemas meanwhile.`,
      [{ message: answer.stderr.slice(-2000) }],
    );
  return Report.parse(data);
}

/**
 * Reads the schemas (cached by model/ content and image). In dev mode the running container has
 * model/ mounted, so Python there answers in a fraction of a second; otherwise a throwaway
 * container from the image with model/ and server/ mounted read-only.
 */
export async function readSchemas(
  docker: Docker,
  dir: string,
  manifest: Manifest,
  { refresh = false, signal }: { refresh?: boolean; signal?: AbortSignal } = {},
): Promise<ModelSchemas> {
  const image = await docker
    .getImage(manifest.imageTag)
    .inspect()
    .catch(() => undefined);
  if (!image)
    throw new StagemakerError(
      "not-found",
      `No image ${manifest.imageTag} yet. Build the project: the schemas are read by Python inside its image.`,
    );
  const contentHash = await schemaInputsHash(dir, image.Id);
  const cached = refresh ? undefined : await readCache(dir);
  if (cached && cached.contentHash === contentHash) return { ...cached, stale: await staleness(dir) };

  const started = Date.now();
  const fromDev = await reportFromDevContainer(docker, dir, image.Id);
  const answer = fromDev ?? (await reportFromImage(docker, dir, image.Id, signal));
  const report = parseAnswer(answer);
  const result: ModelSchemas = {
    ...report,
    tables: { instance: tableFromSchema(report.instance), prediction: tableFromSchema(report.prediction) },
    readFrom: fromDev ? "container" : "image",
    image: manifest.imageTag,
    contentHash,
    readAt: new Date().toISOString(),
    readMs: Date.now() - started,
    stale: await staleness(dir),
  };
  await mkdir(join(dir, PROJECT_STATE_DIR), { recursive: true });
  await writeFileAtomic(cacheFile(dir), JSON.stringify(result));
  return result;
}
