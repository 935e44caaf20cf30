// Zip archives (Keras .keras, TorchScript, numpy .npz): the entry list alone tells the kind.
import yauzl from "yauzl";
import type { Detection } from "../../../contract";

export interface ZipManifest {
  entries: string[];
  /** Entries that would land outside the folder they are unpacked into ("../x", "/etc/x", "C:\x"). */
  unsafe: string[];
}

/** Lists the central directory; never inflates an entry. */
export function readZipManifest(path: string, maxEntries = 100_000): Promise<ZipManifest> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false, so yauzl hands us raw names and we report unsafe ones instead of it throwing.
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a zip"));
      const manifest: ZipManifest = { entries: [], unsafe: [] };
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = Buffer.isBuffer(entry.fileName) ? entry.fileName.toString("utf8") : String(entry.fileName);
        manifest.entries.push(name);
        if (/^([a-zA-Z]:)?[\\/]/.test(name) || name.split(/[\\/]/).includes("..")) manifest.unsafe.push(name);
        if (manifest.entries.length >= maxEntries) return (zip.close(), resolve(manifest));
        zip.readEntry();
      });
      zip.on("end", () => resolve(manifest));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

export function kindFromZip(m: ZipManifest): Pick<Detection, "kind" | "format" | "summary" | "notes"> {
  const notes = m.unsafe.length
    ? [`The archive has entries that point outside its folder (${m.unsafe.slice(0, 3).join(", ")}); Stagemaker will not unpack it.`]
    : [];
  const has = (re: RegExp) => m.entries.some((e) => re.test(e));
  if (has(/^config\.json$/) && has(/^model\.weights\.h5$/))
    return { kind: "keras", format: "keras-zip", summary: "Keras 3 .keras archive", notes };
  if (has(/(^|\/)constants\.pkl$/) && has(/(^|\/)code\//))
    return { kind: "pytorch", format: "torchscript-zip", summary: "TorchScript archive", notes };
  if (has(/(^|\/)data\.pkl$/)) return { kind: "pytorch", format: "torch-zip", summary: "torch.save archive (pickle inside)", notes };
  return { kind: "unknown", format: "zip", summary: `zip archive of ${m.entries.length} entries`, notes };
}
