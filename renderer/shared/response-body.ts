// How an answer's body is shown: pretty JSON that keeps every number as the server wrote it (1.0 stays 1.0),
// and a binary answer (NPY) decoded rather than shown as mangled text.
import { parse, stringify } from "lossless-json";
import { base64ToBytes, npySummary, readNpy } from "../../app/contract";

/** Pretty-printed JSON when the body is JSON, else the text as it came. */
export function prettyBody(body: string, contentType: string | undefined): { text: string; json: boolean } {
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{]/.test(body);
  if (!looksJson || /jsonlines|jsonl|ndjson/i.test(contentType ?? "")) return { text: body, json: false };
  try {
    // lossless-json keeps each number's text; JSON.parse would turn 1.0 into 1.
    return { text: stringify(parse(body), undefined, 2) ?? body, json: true };
  } catch {
    return { text: body, json: false };
  }
}

/**
 * "422 Unprocessable Entity": the reason phrase is the one the model server sent, which the core
 * read with Node's statusMessage (the renderer cannot load node:http, and a table here would say
 * what a standard says rather than what the server said).
 */
export function statusText(status: number, reason?: string): string {
  return `${status} ${reason ?? ""}`.trim();
}

/** A binary answer (it came base64): an NPY array decoded to nested lists, anything else as its size and first bytes in hex. */
export function binaryBody(
  base64: string,
  contentType: string | undefined,
): { summary: string; text: string; raw: string; array?: unknown } {
  const bytes = base64ToBytes(base64);
  const head = Array.from(bytes.subarray(0, 256), (b) => b.toString(16).padStart(2, "0")).join(" ");
  const raw = `${bytes.length.toLocaleString("en-US")} bytes${contentType ? ` of ${contentType}` : ""}; the first ${Math.min(256, bytes.length)} in hex:\n${head}${bytes.length > 256 ? " …" : ""}`;
  if (/x-npy/i.test(contentType ?? "") || (bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === "NUMPY")) {
    try {
      const a = readNpy(bytes);
      // One line per row of the first axis: readable for a batch of answers, and still valid JSON.
      const rows = Array.isArray(a.values) ? a.values.map((r) => JSON.stringify(r)) : [JSON.stringify(a.values)];
      const text = Array.isArray(a.values) ? `[\n  ${rows.join(",\n  ")}\n]` : rows[0]!;
      return { summary: `NPY ${npySummary(a)}`, text, raw, array: a.values };
    } catch (e) {
      return { summary: `Not a readable .npy array (${e instanceof Error ? e.message : String(e)})`, text: raw, raw };
    }
  }
  return { summary: `Binary answer: ${bytes.length.toLocaleString("en-US")} bytes`, text: raw, raw };
}
