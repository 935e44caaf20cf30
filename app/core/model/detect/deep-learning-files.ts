// Keras, PyTorch and TensorFlow files from their bytes: the small JSON and pickle entries of their
// zips, an HDF5 file's Keras attributes, a SavedModel's protobuf. Nothing is loaded or executed.
import protobuf from "protobufjs";
import yauzl from "yauzl";
import type { Detection } from "../../../contract";
import { scanPickle } from "./pickle-scan";
import type { ZipManifest } from "./zip-manifest";

type Found = Partial<Detection> & Pick<Detection, "kind" | "format">;

/** One entry of a zip, inflated, when it is at most `limit` bytes (config.json, data.pkl). */
export function readZipEntry(path: string, name: string, limit = 64 * 1024 ** 2): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        if (entry.uncompressedSize > limit) return (zip.close(), resolve(undefined));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${name}`));
          const parts: Buffer[] = [];
          stream.on("data", (b: Buffer) => parts.push(b));
          stream.on("end", () => (zip.close(), resolve(Buffer.concat(parts))));
          stream.on("error", reject);
        });
      });
      zip.on("end", () => resolve(undefined));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** Every "class_name" a Keras config names (layers, initialisers), sorted and unique. */
export function kerasClassNames(config: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.class_name === "string") names.add(o.class_name);
      Object.values(o).forEach(walk);
    }
  };
  walk(config);
  return [...names].sort();
}

/** A .keras archive: the Keras version from metadata.json, the layer classes from config.json. */
export async function detectKerasZip(path: string): Promise<Found> {
  const json = async (name: string) => JSON.parse((await readZipEntry(path, name))?.toString("utf8") ?? "null") as unknown;
  const meta = (await json("metadata.json").catch(() => null)) as { keras_version?: string } | null;
  const config = await json("config.json").catch(() => null);
  const layers = kerasClassNames(config);
  const top = (config as { class_name?: string } | null)?.class_name;
  return {
    kind: "keras",
    format: "keras-zip",
    frameworkVersion: meta?.keras_version,
    layers,
    summary: `Keras .keras archive${top ? ` (${top})` : ""}`,
  };
}

/** A legacy HDF5 file written by Keras: its keras_version attribute and the classes of its model_config. */
export function detectKerasHdf5(buf: Uint8Array): Found {
  const text = new TextDecoder("latin1").decode(buf.subarray(0, 16 * 1024 ** 2));
  const at = text.indexOf("keras_version");
  if (at < 0)
    return {
      kind: "unknown",
      format: "hdf5",
      summary: "HDF5 file",
      notes: ["An HDF5 file without Keras's attributes: not a Keras model Stagemaker can read."],
    };
  // The value sits inline (h5py fixed strings) or in the global heap after it (variable strings).
  const version = /(\d+\.\d+\.\d+)/.exec(text.slice(at, at + 64 * 1024))?.[1];
  const layers = [...new Set([...text.matchAll(/"class_name":\s*"([A-Za-z0-9_>.]+)"/g)].map((m) => m[1]!))].sort();
  return { kind: "keras", format: "hdf5", frameworkVersion: version, layers, summary: "Keras legacy HDF5 file (.h5)" };
}

/** torch zips: TorchScript, torch.export (.pt2), or torch.save's pickle (a state_dict or a whole module). */
export async function detectTorchZip(path: string, m: ZipManifest): Promise<Found | undefined> {
  const has = (re: RegExp) => m.entries.some((e) => re.test(e));
  if (has(/(^|\/)serialized_exported_program\.json$/) || has(/(^|\/)archive_format$/) || has(/(^|\/)models\/[^/]+\.json$/))
    return { kind: "pytorch", format: "torch-export", summary: "torch.export program (.pt2)" };
  if (has(/(^|\/)constants\.pkl$/) && has(/(^|\/)code\//))
    return { kind: "pytorch", format: "torchscript-zip", summary: "TorchScript archive (torch.jit.save)" };
  const pkl = m.entries.find((e) => /(^|\/)data\.pkl$/.test(e));
  if (!pkl) return undefined;
  const body = await readZipEntry(path, pkl);
  const globals = body ? scanPickle(body).globals : [];
  const own = globals.filter((g) => !/^(torch|collections|builtins|_codecs|numpy)\./.test(g));
  const module = globals.some((g) => g.startsWith("torch.nn.modules.")) || own.length > 0;
  return module
    ? {
        kind: "pytorch",
        format: "torch-save-module",
        summary: `torch.save of a module (${own[0] ?? globals.find((g) => g.startsWith("torch.nn.modules."))})`,
        modules: globals,
      }
    : { kind: "pytorch", format: "state-dict", summary: "torch.save of a state_dict (weights only)", modules: globals };
}

/** A SavedModel's saved_model.pb: its tags and the TensorFlow version of each MetaGraph (protobuf). */
export function detectSavedModel(buf: Uint8Array): Found | undefined {
  // Hand-walked with protobufjs's Reader: SavedModel{2: MetaGraphDef{1: MetaInfoDef{4: tags, 5: tensorflow_version}}}.
  try {
    const top = protobuf.Reader.create(buf);
    let version: string | undefined;
    const tags = new Set<string>();
    let graphs = 0;
    while (top.pos < top.len) {
      const tag = top.uint32();
      if (tag >>> 3 !== 2 || (tag & 7) !== 2) {
        top.skipType(tag & 7);
        continue;
      }
      graphs++;
      const graph = protobuf.Reader.create(top.bytes());
      while (graph.pos < graph.len) {
        const t = graph.uint32();
        if (t >>> 3 !== 1 || (t & 7) !== 2) {
          graph.skipType(t & 7);
          continue;
        }
        const info = protobuf.Reader.create(graph.bytes());
        while (info.pos < info.len) {
          const f = info.uint32();
          if (f >>> 3 === 4 && (f & 7) === 2) tags.add(info.string());
          else if (f >>> 3 === 5 && (f & 7) === 2) version = info.string();
          else info.skipType(f & 7);
        }
      }
    }
    if (!graphs || !version) return undefined;
    return {
      kind: "tensorflow",
      format: "saved-model",
      frameworkVersion: version,
      summary: `TensorFlow SavedModel (tags ${[...tags].join(", ") || "none"})`,
    };
  } catch {
    return undefined; // not a SavedModel protobuf
  }
}
