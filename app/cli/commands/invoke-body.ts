// `stagemaker invoke`'s body and answer as bytes: --data @file sends the file's bytes as they are (an
// .npy travels base64 to the core, never through a UTF-8 string), the content type follows the file's
// extension unless given, and a binary answer is written to --output or shown decoded (NPY as an array).
import { isUtf8 } from "node:buffer";
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { type BodyEncoding, type InvocationResult, isBinaryMedia, npySummary, readNpy } from "../../contract";

const BY_EXTENSION: Record<string, string> = {
  ".npy": "application/x-npy",
  ".csv": "text/csv",
  ".jsonl": "application/jsonlines",
  ".json": "application/json",
};

export interface InvokeBody {
  body: string;
  bodyEncoding?: BodyEncoding;
  contentType: string;
}

/** The request body from --data (text, or @path), with its content type: the one given, else by the file's extension, else JSON. */
export function readInvokeData(data: string, contentType: string | undefined, read = readFileSync): InvokeBody {
  if (!data.startsWith("@")) return { body: data, contentType: contentType ?? "application/json" };
  const path = data.slice(1);
  const bytes = read(path);
  const type = contentType ?? BY_EXTENSION[extname(path).toLowerCase()] ?? "application/json";
  return isBinaryMedia(type) || !isUtf8(bytes)
    ? { body: bytes.toString("base64"), bodyEncoding: "base64", contentType: type }
    : { body: bytes.toString("utf8"), contentType: type };
}

/** The answer's bytes (a binary answer came base64). */
export function answerBytes(r: InvocationResult): Buffer {
  return Buffer.from(r.body, r.bodyEncoding === "base64" ? "base64" : "utf8");
}

/** What `invoke` prints on stdout: the body as text; an NPY answer as its array (JSON); other bytes not at all (see the note). */
export function answerText(r: InvocationResult, output?: string): { stdout?: string; note?: string } {
  if (output) {
    writeFileSync(output, answerBytes(r));
    return { note: `Wrote the ${r.bodyBytes}-byte answer to ${output}` };
  }
  if (r.bodyEncoding !== "base64") return { stdout: r.body };
  try {
    const a = readNpy(answerBytes(r));
    return { stdout: JSON.stringify(a.values), note: `NPY ${npySummary(a)}, shown as JSON; --output FILE keeps the bytes` };
  } catch {
    return { note: `The answer is ${r.bodyBytes} bytes of ${r.headers["content-type"] ?? "binary"}: pass --output FILE to keep them` };
  }
}
