// A SageMaker script-mode model.tar.gz as a person brings one: weight.txt (2) and code/inference.py,
// the handler in handlers/row_sums.py, so a JSON list of rows is answered with their sums times 2.
import { createWriteStream, readFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";

export const ROW_SUMS_PY = readFileSync(new URL("./handlers/row_sums.py", import.meta.url), "utf8");

/** Writes the model.tar.gz to `path`. */
export async function writeRowSumsModel(path: string): Promise<void> {
  const pack = tarStream.pack();
  pack.entry({ name: "weight.txt" }, "2");
  pack.entry({ name: "code/inference.py" }, ROW_SUMS_PY);
  pack.finalize();
  await pipeline(pack, createGzip(), createWriteStream(path));
}
