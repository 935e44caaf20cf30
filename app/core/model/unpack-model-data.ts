// SageMaker model data (model.tar.gz) into artifacts/: streamed, with a size and entry limit, and
// no entry may land outside artifacts/ (no "..", absolute paths or links).
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tarStream from "tar-stream";
import { StagemakerError, type UnpackLimits } from "../../contract";
import { ARTIFACTS_DIR } from "../projects/project-layout";

export interface Unpacked {
  files: string[]; // relative to artifacts/
  skipped: string[]; // links, devices: never created
}

/** True when `path` starts like a gzip'd tar (the caller then unpacks instead of copying). */
export async function isModelData(path: string): Promise<boolean> {
  if (!/\.(tar\.gz|tgz)$/i.test(path)) return false;
  return (await stat(path)).isFile();
}

const unsafe = (name: string) => /^([a-zA-Z]:)?[\\/]/.test(name) || name.split(/[\\/]/).includes("..") || name.includes("\0");

export async function unpackModelData(projectDir: string, archive: string, limits: UnpackLimits, signal?: AbortSignal): Promise<Unpacked> {
  const root = join(projectDir, ARTIFACTS_DIR);
  await mkdir(root, { recursive: true });
  const staging = join(root, `.unpack-${randomBytes(6).toString("hex")}`);
  const result: Unpacked = { files: [], skipped: [] };
  let bytes = 0;
  const extract = tarStream.extract();
  extract.on("entry", (header, stream, next) => {
    const name = header.name.replace(/^\.\//, "").replace(/\/$/, "");
    const fail = (err: Error) => {
      stream.on("error", () => undefined); // the entry is torn down with the archive; its error is the archive's
      stream.resume();
      extract.destroy(err);
    };
    if (!name) return stream.on("end", next).resume();
    if (unsafe(name))
      return fail(
        new StagemakerError(
          "invalid-input",
          `${archive} has an entry that points outside its folder (${header.name}); it was not unpacked.`,
        ),
      );
    if (result.files.length + result.skipped.length >= limits.maxEntries)
      return fail(new StagemakerError("invalid-input", `${archive} has more than ${limits.maxEntries} entries; it was not unpacked.`));
    if (header.type === "directory") return stream.on("end", next).resume();
    if (header.type !== "file") {
      result.skipped.push(`${name} (${header.type})`);
      return stream.on("end", next).resume();
    }
    const dest = join(staging, ...name.split("/"));
    mkdir(dirname(dest), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(dest)))
      .then(() => (result.files.push(name), next()), fail);
  });
  try {
    // Every inflated byte counts (headers and skipped entries too), so a gzip bomb stops at the limit.
    const tooBig = () =>
      new StagemakerError(
        "invalid-input",
        `${archive} unpacks to more than ${(limits.maxBytes / 1024 ** 2).toFixed(0)} MB; it was not unpacked (raise the limit if it is a real model).`,
      );
    const counted = async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        if (bytes > limits.maxBytes) throw tooBig();
        yield chunk;
      }
    };
    await pipeline(createReadStream(archive), createGunzip(), counted, extract, { signal });
    for (const f of result.files) {
      const final = join(root, ...f.split("/"));
      await mkdir(dirname(final), { recursive: true });
      await rename(join(staging, ...f.split("/")), final);
    }
    return result;
  } catch (err) {
    if (signal?.aborted) throw new StagemakerError("cancelled", "Unpacking was cancelled; nothing was kept.");
    if (err instanceof StagemakerError) throw err;
    throw new StagemakerError("invalid-input", `${archive} is not a readable .tar.gz: ${(err as Error).message}`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
