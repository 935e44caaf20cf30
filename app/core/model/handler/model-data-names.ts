// The file names inside a model.tar.gz, read from the tar headers while the bodies stream past
// (nothing written), so the app can tell script-mode model data before unpacking it.
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tarStream from "tar-stream";

export async function modelDataNames(archive: string, maxEntries: number, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  const extract = tarStream.extract();
  extract.on("entry", (header, stream, next) => {
    if (header.type === "file") names.push(header.name.replace(/^\.\//, ""));
    stream.on("end", next).resume();
    if (names.length >= maxEntries) extract.destroy(); // the unpack refuses it later with a reason
  });
  await pipeline(createReadStream(archive), createGunzip(), extract, { signal }).catch((err: unknown) => {
    if (names.length < maxEntries) throw err;
  });
  return names;
}
