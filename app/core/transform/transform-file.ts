// One input file through the target: records → payloads under MaxPayloadInMB → requests in parallel →
// answers written in input order to a temporary name, renamed to `<name>.out` only when all succeeded.
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { TransformFailure, TransformInput, TransformSettings } from "../../contract";
import type { DataProcessing } from "./data-processing";
import type { InvocationTarget } from "../serving/invocation-target";
import { readRecords, type InputRecord } from "./read-records";
import { splitAnswer } from "./split-answer";

export interface FileCounters {
  records: number;
  requests: number;
  /** Bytes of the file (as stored, so compressed for Gzip) whose records have been answered. */
  bytesDone: number;
}

export interface FileOutcome {
  output: string | null;
  records: number;
  requests: number;
  failures: TransformFailure[];
}

interface Entry {
  record: InputRecord;
  payload: Buffer;
  /** How far into the file the reader was when it read this record (for progress). */
  readUpTo: number;
}

const MB = 1024 * 1024;

export async function transformFile(
  job: TransformInput,
  settings: TransformSettings,
  processing: DataProcessing,
  target: InvocationTarget,
  file: { path: string; name: string; outPath: string },
  counters: FileCounters,
  signal: AbortSignal,
): Promise<FileOutcome> {
  const source = await readRecords(file.path, job.splitType, job.compressionType, signal);
  const temp = join(dirname(file.outPath), `.${basename(file.outPath)}.partial-${process.pid}-${Date.now().toString(36)}`);
  const handle = await open(temp, "w");
  const failures: TransformFailure[] = [];
  const stopFile = new AbortController();
  const combined = AbortSignal.any([signal, stopFile.signal]);
  const limit = settings.maxPayloadInMB > 0 ? settings.maxPayloadInMB * MB : Infinity;
  const accept = job.accept;
  let written = Promise.resolve();
  const done = new Map<number, Buffer>();
  let nextToWrite = 0;
  let sequence = 0;
  const inFlight = new Set<Promise<void>>();
  let records = 0;

  const fail = (entries: Entry[], message: string, status?: number, body = "") => {
    failures.push({
      file: file.name,
      firstRecord: entries[0]!.record.number,
      lastRecord: entries[entries.length - 1]!.record.number,
      status,
      body: body.slice(0, 4096),
      message,
    });
    if (job.onFailure === "stop") stopFile.abort();
  };
  const flush = () => {
    while (done.has(nextToWrite)) {
      const chunk = done.get(nextToWrite)!;
      done.delete(nextToWrite++);
      if (chunk.length) written = written.then(() => handle.write(chunk).then(() => undefined));
    }
  };
  const send = async (n: number, entries: Entry[]) => {
    let chunk: Buffer = Buffer.alloc(0);
    try {
      const body = entries.length === 1 ? entries[0]!.payload : Buffer.concat(entries.map((e) => e.payload));
      const answer = await target.invoke(body, job.contentType, accept, {
        signal: combined,
        timeoutMs: job.invocationsTimeoutSeconds * 1000,
      });
      counters.requests++;
      const text = () => answer.body.toString("utf8");
      const hop = answer.hop ? ` (pipeline step ${answer.hop.index + 1}, ${answer.hop.name})` : "";
      if (answer.status < 200 || answer.status > 299) {
        fail(entries, `HTTP ${answer.status} from /invocations${hop}`, answer.status, text());
      } else if (processing.passThrough) {
        chunk = answer.body;
        if (job.assembleWith === "Line" && chunk.length && chunk[chunk.length - 1] !== 0x0a)
          chunk = Buffer.concat([chunk, Buffer.from("\n")]);
      } else {
        const outputs = splitAnswer(text(), entries.length, answer.contentType || accept || job.contentType);
        if (!outputs)
          fail(
            entries,
            `the answer cannot be split into ${entries.length} records to join or filter (expected one line, or one JSON array item, per record)${hop}`,
            answer.status,
            text(),
          );
        else {
          const sep = job.assembleWith === "Line" ? "\n" : "";
          chunk = Buffer.from(
            outputs
              .map((o, i) => processing.assemble(entries[i]!.record.text ?? entries[i]!.record.data.toString("utf8"), o) + sep)
              .join(""),
          );
        }
      }
      counters.records += entries.length;
      counters.bytesDone = Math.max(counters.bytesDone, entries[entries.length - 1]!.readUpTo);
    } catch (err) {
      if (!signal.aborted && !stopFile.signal.aborted) fail(entries, `no answer: ${(err as Error).message}`);
    }
    done.set(n, chunk);
    flush();
  };
  const dispatch = async (entries: Entry[]) => {
    while (inFlight.size >= settings.maxConcurrentTransforms) await Promise.race(inFlight);
    if (combined.aborted) return;
    const p = send(sequence++, entries).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  try {
    let batch: Entry[] = [];
    let batchBytes = 0;
    for await (const record of source.records) {
      if (combined.aborted) break;
      records++;
      let entry: Entry;
      try {
        const text = record.text === undefined ? undefined : processing.filterInput(record.text);
        entry = { record, payload: text === undefined ? record.data : Buffer.from(text + "\n"), readUpTo: source.bytesRead() };
      } catch (err) {
        fail([{ record, payload: record.data, readUpTo: 0 }], (err as Error).message);
        continue;
      }
      if (entry.payload.length > limit) {
        fail(
          [entry],
          `record ${record.number} is ${entry.payload.length} bytes, over MaxPayloadInMB (${settings.maxPayloadInMB} MB); SageMaker never splits a record`,
        );
        continue;
      }
      if (settings.batchStrategy === "SingleRecord") {
        await dispatch([entry]);
        continue;
      }
      if (batch.length && batchBytes + entry.payload.length > limit) {
        await dispatch(batch);
        batch = [];
        batchBytes = 0;
      }
      batch.push(entry);
      batchBytes += entry.payload.length;
    }
    if (batch.length && !combined.aborted) await dispatch(batch);
    await Promise.all(inFlight);
    await written;
  } catch (err) {
    await Promise.allSettled(inFlight);
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  } finally {
    await Promise.allSettled(inFlight);
    await written.catch(() => undefined);
    await handle.close().catch(() => undefined);
  }
  if (failures.length || signal.aborted) {
    await rm(temp, { force: true });
    return { output: null, records, requests: sequence, failures };
  }
  await rename(temp, file.outPath);
  return { output: file.outPath, records, requests: sequence, failures };
}
