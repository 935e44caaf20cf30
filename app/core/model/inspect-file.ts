// `stagemaker inspect`: detection of a host file, or of each file in a model.tar.gz (unpacked into
// a temporary folder with the same limits as the real thing).
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { type Detection, StagemakerError, type UnpackLimits } from "../../contract";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { detectArtifact } from "./detect/detect-artifact";
import { isModelData, unpackModelData } from "./unpack-model-data";

export async function inspectFile(path: string, limits: UnpackLimits, signal?: AbortSignal): Promise<Detection[]> {
  const exists = await stat(path).catch(() => null);
  if (!exists?.isFile()) throw new StagemakerError("not-found", `${path} is not a file.`);
  if (!(await isModelData(path))) return [await detectArtifact(path, basename(path))];
  const scratch = await mkdtemp(join(tmpdir(), "stagemaker-inspect-"));
  try {
    const { files } = await unpackModelData(scratch, path, limits, signal);
    return await Promise.all(files.map((f) => detectArtifact(join(scratch, ARTIFACTS_DIR, ...f.split("/")), f)));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
