// An input file as a stream of records: SplitType None (the whole file) or Line, optionally gunzipped.
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { gunzipSync, createGunzip } from "node:zlib";
import { StagemakerError } from "../../contract";

export interface InputRecord {
  /** 1-based position among the file's records. */
  number: number;
  data: Buffer;
  /** Text of the record (Line split), used by filters and joins. */
  text?: string;
}

export interface RecordSource {
  size: number;
  /** Bytes of the file read so far (compressed bytes for Gzip). */
  bytesRead(): number;
  records: AsyncIterable<InputRecord>;
}

export async function readRecords(
  path: string,
  splitType: "None" | "Line",
  compression: "None" | "Gzip",
  signal?: AbortSignal,
): Promise<RecordSource> {
  const { size } = await stat(path);
  if (splitType === "None") {
    let done = 0;
    return {
      size,
      bytesRead: () => done,
      records: (async function* () {
        const raw = await readFile(path, { signal });
        let data: Buffer;
        try {
          data = compression === "Gzip" ? gunzipSync(raw) : raw;
        } catch (err) {
          throw new StagemakerError("invalid-input", `${path} is not gzip data (CompressionType Gzip): ${(err as Error).message}`);
        }
        done = size;
        yield { number: 1, data };
      })(),
    };
  }
  let read = 0;
  return {
    size,
    bytesRead: () => read,
    records: (async function* () {
      // Opened only once the caller iterates: a stream that flowed earlier would emit lines nobody hears.
      const file = createReadStream(path, { signal, highWaterMark: 256 * 1024 });
      // Progress: compressed bytes read for gzip; otherwise the position of each line, exact even for small files.
      if (compression === "Gzip") file.on("data", (chunk) => (read += chunk.length));
      const gunzip = compression === "Gzip" ? createGunzip() : null;
      const lines = createInterface({ input: gunzip ? file.pipe(gunzip) : file, crlfDelay: Infinity });
      let number = 0;
      try {
        for await (const line of lines) {
          if (!gunzip) read = Math.min(size, read + Buffer.byteLength(line) + 1);
          if (line.trim() === "") continue; // blank lines are not records
          number++;
          yield { number, data: Buffer.from(line + "\n"), text: line };
        }
      } catch (err) {
        // zlib's errors (Z_DATA_ERROR…) reach the line reader from the gunzip stream.
        if (gunzip && String((err as { code?: string }).code).startsWith("Z_")) {
          throw new StagemakerError("invalid-input", `${path} is not gzip data (CompressionType Gzip): ${(err as Error).message}`);
        }
        throw err;
      } finally {
        lines.close();
        file.destroy();
      }
    })(),
  };
}
