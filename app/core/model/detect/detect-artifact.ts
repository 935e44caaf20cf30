// What a model file is, from its bytes alone: nothing in it is executed or imported on the host.
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { gunzipSync, inflateSync } from "node:zlib";
import { type Detection, StagemakerError } from "../../../contract";
import { detectCatboost } from "./catboost-file";
import { detectLightgbmText } from "./lightgbm-file";
import { detectOnnx } from "./onnx-file";
import { refuseDangerous } from "./pickle-safety";
import { scanPickle } from "./pickle-scan";
import { detectXgboostBinary, detectXgboostJson, detectXgboostUbj, embeddedXgboostVersion } from "./xgboost-file";
import { detectKerasHdf5, detectKerasZip, detectSavedModel, detectTorchZip } from "./deep-learning-files";
import { kindFromZip, readZipManifest } from "./zip-manifest";

/** Files past this size are named by signature only (a whole read would hold them in memory). */
export const FULL_READ_LIMIT = 1024 ** 3;

const startsWith = (buf: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => buf[i] === b);
const ascii = (buf: Uint8Array, n: number) => new TextDecoder("latin1").decode(buf.subarray(0, n));

async function readAll(path: string, limit: number): Promise<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const buf = new Uint8Array(Math.min(size, limit));
    await fh.read(buf, 0, buf.length, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

/**
 * Detects `path`; `name` is what the user calls it (relative to artifacts/). Throws a StagemakerError
 * (invalid-input) for a pickle that names a dangerous global.
 */
export async function detectArtifact(path: string, name = basename(path)): Promise<Detection> {
  const { size } = await stat(path);
  const base = { file: name, size, modules: [] as string[], notes: [] as string[] };
  if (size === 0) return { ...base, kind: "unknown", format: "empty", notes: ["The file is empty."] };
  const buf = await readAll(path, FULL_READ_LIMIT);
  const partial = size > buf.length;
  const lower = name.toLowerCase();

  if (startsWith(buf, 0x50, 0x4b, 0x03, 0x04)) {
    const manifest = await readZipManifest(path);
    const found = kindFromZip(manifest);
    const deeper = found.kind === "keras" ? await detectKerasZip(path) : await detectTorchZip(path, manifest); // undefined: not a torch zip
    const d: Detection = { ...base, ...found, ...deeper, notes: [...found.notes, ...(deeper?.notes ?? [])] };
    const refusal = servingRefusal(d);
    // Refused like a dangerous pickle: no project is made around a file that cannot be served.
    if (refusal) throw new StagemakerError("invalid-input", `${name}: ${refusal}`, { detection: d });
    return d;
  }
  if (startsWith(buf, 0x89, 0x48, 0x44, 0x46)) {
    const keras = detectKerasHdf5(buf);
    return { ...base, ...keras, notes: keras.notes ?? [] };
  }
  if (basename(lower) === "saved_model.pb") {
    const saved = detectSavedModel(buf);
    if (saved)
      return { ...base, ...saved, notes: [`The SavedModel is the folder holding ${name} (with its variables/); it is served whole.`] };
  }
  const catboost = detectCatboost(buf);
  if (catboost) return { ...base, ...catboost };

  // Compressed joblib (compress=…) or a gzip'd tar (model.tar.gz, handled by the caller).
  let body = buf;
  let compressed: string | undefined;
  if (!partial && startsWith(buf, 0x1f, 0x8b)) {
    body = inflateLimited(() => gunzipSync(buf, { maxOutputLength: FULL_READ_LIMIT }));
    compressed = "gzip";
    if (ascii(body.subarray(257), 5) === "ustar")
      return {
        ...base,
        kind: "unknown",
        format: "tar.gz",
        summary: "a gzip'd tar archive (SageMaker model data)",
        notes: ["Unpack it with `stagemaker new --from` or by dropping it: its files go into artifacts/."],
      };
  } else if (!partial && buf[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(buf[1]!)) {
    body = inflateLimited(() => inflateSync(buf, { maxOutputLength: FULL_READ_LIMIT }));
    compressed = "zlib";
  }

  if (body[0] === 0x80 && body[1] !== undefined && body[1] <= 5) return pickleDetection(base, body, name, compressed, lower);

  const head = ascii(buf, 4096);
  const lightgbm = detectLightgbmText(head);
  if (lightgbm) return { ...base, ...lightgbm };
  if (buf[0] === 0x7b && !partial) {
    const ubjKey = "iUIlL$#".includes(String.fromCharCode(buf[1] ?? 0));
    const xgb = ubjKey ? detectXgboostUbj(buf) : detectXgboostJson(new TextDecoder().decode(buf));
    if (xgb) return { ...base, ...xgb };
  }
  if (!partial) {
    const xgbBinary = detectXgboostBinary(buf);
    if (xgbBinary) return { ...base, ...xgbBinary };
    const onnx = lower.endsWith(".onnx") || !/\.(json|txt|csv|ubj|bin)$/.test(lower) ? detectOnnx(buf) : undefined;
    if (onnx) return { ...base, ...onnx };
  }
  return {
    ...base,
    kind: "unknown",
    format: "unknown",
    notes: [
      partial
        ? `The file is larger than ${FULL_READ_LIMIT / 1024 ** 3} GB; only its signature was read and it matches no known model format.`
        : "Not a model format Stagemaker recognises (scikit-learn joblib/pickle, XGBoost, LightGBM, CatBoost, ONNX, Keras, TensorFlow SavedModel, TorchScript). It was kept in artifacts/; write model/predictor.py yourself.",
    ],
  };
}

function inflateLimited(run: () => Buffer): Uint8Array {
  try {
    return run();
  } catch {
    return new Uint8Array(0); // corrupt or larger than the limit once inflated: not something we can scan
  }
}

function pickleDetection(
  base: Pick<Detection, "file" | "size" | "modules" | "notes">,
  body: Uint8Array,
  name: string,
  compressed: string | undefined,
  lower: string,
): Detection {
  const scan = scanPickle(body);
  refuseDangerous(name, scan.globals);
  const modules = [...new Set(scan.globals.map((g) => g.slice(0, g.lastIndexOf("."))))];
  const top = (m: string) => modules.some((x) => x === m || x.startsWith(`${m}.`));
  const notes: string[] = [];
  if (!scan.complete) notes.push(`The pickle could not be read to its end (${scan.problem}); it may be truncated.`);
  // Which of the modules need a package or the person's own code is Python's to say (server/frameworks/pickled.py).
  const format = lower.endsWith(".joblib") || scan.globals.some((g) => g.startsWith("joblib.")) ? "joblib" : "pickle";
  const kind = top("sklearn")
    ? "sklearn"
    : top("xgboost")
      ? "xgboost"
      : top("lightgbm")
        ? "lightgbm"
        : top("catboost")
          ? "catboost"
          : "unknown";
  if (kind === "unknown") notes.push("A pickle of something other than a scikit-learn estimator: write model/predictor.py yourself.");
  if (kind !== "sklearn" && kind !== "unknown") notes.push(`A pickled ${kind} object: it is served through its scikit-learn interface.`);
  const xgboost = top("xgboost") ? embeddedXgboostVersion(body) : undefined;
  return {
    ...base,
    kind: kind === "unknown" ? "unknown" : "sklearn",
    format: compressed ? `${format} (${compressed})` : format,
    frameworkVersion: scan.sklearnVersion,
    summary: scan.globals[0],
    modules,
    numpy: top("numpy._core") ? "2" : top("numpy.core") ? "1" : undefined,
    embedded: xgboost ? { xgboost } : undefined,
    notes,
  };
}

/** Why a recognised zip cannot be served as it is (a torch.save pickle needs the person's class). */
function servingRefusal(d: Pick<Detection, "kind" | "format" | "summary">): string | undefined {
  if (d.format === "state-dict")
    return (
      "a state_dict holds weights only, not the network that uses them, so it cannot be served as it is. " +
      "Export the model where its class is defined: torch.jit.save(torch.jit.script(model), 'model.pt') or torch.export.save(torch.export.export(model, (example,)), 'model.pt2'), and drop that file; " +
      "or add the module's code under model/ and load the weights in model/predictor.py yourself."
    );
  if (d.format === "torch-save-module")
    return (
      `${d.summary}: loading it needs the class's own code, so Stagemaker cannot serve it as it is. ` +
      "Save it with torch.jit.save(torch.jit.script(model), 'model.pt') (or torch.export) and drop that file; or add the module's code under model/, then load it in model/predictor.py."
    );
  return undefined;
}
