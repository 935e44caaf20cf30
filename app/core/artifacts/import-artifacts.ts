import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Artifact, type ImportProgress, StagemakerError } from "../../contract";
import { readManifest } from "../projects/manifest";
import { cleanProjectPath, resolveInProject } from "../projects/safe-path";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { listArtifacts } from "./list-artifacts";

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Copies host files or folders into artifacts/ (each keeps its base name). Everything is staged in a
 * hidden folder first and moved into place only when all copies finished, so a cancel or a failure
 * leaves nothing partial behind.
 */
export async function importArtifactPaths(
  projectDir: string,
  paths: string[],
  { signal, onProgress }: ImportOptions = {},
): Promise<Artifact[]> {
  const plan: { src: string; rel: string; size: number }[] = [];
  for (const p of paths) {
    const src = resolve(p);
    const s = await stat(src).catch(() => {
      throw new StagemakerError("not-found", `${p} does not exist; pick files that are there.`);
    });
    if (s.isDirectory()) for (const f of await filesUnder(src)) plan.push({ src: f.path, rel: `${basename(src)}/${f.rel}`, size: f.size });
    else plan.push({ src, rel: basename(src), size: s.size });
  }
  const root = join(projectDir, ARTIFACTS_DIR);
  await mkdir(root, { recursive: true });
  const staging = join(root, `.import-${randomBytes(6).toString("hex")}`);
  try {
    for (const item of plan) {
      const dest = join(staging, ...item.rel.split("/"));
      await mkdir(dirname(dest), { recursive: true });
      await copyWithProgress(createReadStream(item.src), dest, item.rel, item.size, { signal, onProgress });
    }
    for (const item of plan) {
      const final = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${item.rel}`);
      await mkdir(dirname(final), { recursive: true });
      await rename(join(staging, ...item.rel.split("/")), final);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return listArtifacts(projectDir);
}

/**
 * Streams one upload (the browser face's request body) to a temporary file inside artifacts/ and
 * renames it when complete; cancel or error removes the temporary file.
 */
export async function importArtifactStream(
  projectDir: string,
  relPath: string,
  readable: AsyncIterable<Uint8Array>,
  { signal, onProgress, bytesTotal = 0 }: ImportOptions & { bytesTotal?: number } = {},
): Promise<Artifact> {
  await readManifest(projectDir); // only into a real project folder
  const clean = cleanProjectPath(relPath);
  const final = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${clean}`);
  await mkdir(dirname(final), { recursive: true });
  await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${clean}`);
  const temp = join(dirname(final), `.${basename(final)}.${randomBytes(6).toString("hex")}.upload`);
  const size = await copyWithProgress(readable, temp, clean, bytesTotal, { signal, onProgress });
  await rename(temp, final);
  return { path: clean, size };
}

async function copyWithProgress(
  source: AsyncIterable<Uint8Array> | Readable,
  dest: string,
  file: string,
  bytesTotal: number,
  { signal, onProgress }: ImportOptions,
): Promise<number> {
  let bytesDone = 0;
  let lastReport = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesDone += chunk.length;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress?.({ type: "progress", file, bytesDone, bytesTotal: Math.max(bytesTotal, bytesDone) });
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(dest, { flags: "wx" }), { signal });
  } catch (err) {
    await rm(dest, { force: true });
    if (signal?.aborted) throw new StagemakerError("cancelled", `Import of ${file} was cancelled; nothing was kept.`);
    throw err;
  }
  onProgress?.({ type: "progress", file, bytesDone, bytesTotal: Math.max(bytesTotal, bytesDone) });
  return bytesDone;
}

async function filesUnder(dir: string): Promise<{ path: string; rel: string; size: number }[]> {
  const out: { path: string; rel: string; size: number }[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.push({ path, rel: relative(dir, path).split(sep).join("/"), size: (await stat(path)).size });
  }
  return out;
}
