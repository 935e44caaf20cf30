// A local CreateTransformJob: every input file through the target, with progress, failures and cancel.
import { mkdir, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import {
  StagemakerError,
  type TransformEvent,
  type TransformFailure,
  type TransformInput,
  type TransformProgress,
  type TransformResult,
  type TransformSettings,
} from "../../contract";
import { dataProcessing } from "./data-processing";
import type { InvocationTarget } from "../serving/invocation-target";
import { resolveSettings } from "./job-settings";
import { transformFile } from "./transform-file";

export async function runTransform(
  job: TransformInput,
  target: InvocationTarget,
  endpoint: TransformSettings["endpoint"],
  emit: (e: TransformEvent) => void,
  signal: AbortSignal,
): Promise<TransformResult> {
  const processing = dataProcessing(job); // parses the filters before anything runs
  const inputs = await inputFiles(resolve(job.input));
  const outputDir = resolve(job.output);
  await mkdir(outputDir, { recursive: true });
  const settings = resolveSettings(job, await target.executionParameters(), endpoint);
  emit({ type: "settings", settings, files: inputs.length });

  const started = Date.now();
  const bytesTotal = inputs.reduce((sum, f) => sum + f.size, 0);
  let bytesBefore = 0;
  const counters = { records: 0, requests: 0, bytesDone: 0 };
  let current: string | undefined;
  const progress = (): TransformProgress => {
    const elapsedMs = Date.now() - started;
    const bytesDone = Math.min(bytesTotal, bytesBefore + counters.bytesDone);
    const rate = bytesDone / Math.max(1, elapsedMs);
    return {
      records: counters.records,
      requests: counters.requests,
      bytesDone,
      bytesTotal,
      recordsPerSecond: counters.records / Math.max(0.001, elapsedMs / 1000),
      etaSeconds: rate > 0 ? Math.round((bytesTotal - bytesDone) / rate / 1000) : null,
      elapsedMs,
      file: current,
    };
  };
  const ticker = setInterval(() => emit({ type: "progress", progress: progress() }), 250);

  const files: TransformResult["files"] = [];
  const failures: TransformFailure[] = [];
  try {
    for (const input of inputs) {
      if (signal.aborted || (failures.length && job.onFailure === "stop")) break;
      current = input.name;
      const outPath = join(outputDir, `${input.name}.out`);
      await mkdir(dirname(outPath), { recursive: true });
      const outcome = await transformFile(
        job,
        settings,
        processing,
        target,
        { path: input.path, name: input.name, outPath },
        counters,
        signal,
      );
      bytesBefore += input.size;
      counters.bytesDone = 0;
      for (const f of outcome.failures) emit({ type: "failure", failure: f });
      failures.push(...outcome.failures);
      files.push({ input: input.path, output: outcome.output, records: outcome.records, requests: outcome.requests });
      emit({ type: "file-done", file: input.name, output: outcome.output, records: outcome.records });
    }
  } finally {
    clearInterval(ticker);
  }
  const final = progress();
  emit({ type: "progress", progress: final });
  const status = signal.aborted ? "Stopped" : failures.length ? "Failed" : "Completed";
  return { status, settings, files, failures, progress: final };
}

/** A file, or every file under a folder (hidden ones and our own partial outputs skipped), sorted. */
async function inputFiles(input: string): Promise<Array<{ path: string; name: string; size: number }>> {
  const info = await stat(input).catch(() => null);
  if (!info) throw new StagemakerError("not-found", `The input ${input} does not exist.`);
  if (info.isFile()) return [{ path: input, name: input.split(/[\\/]/).pop()!, size: info.size }];
  const found: Array<{ path: string; name: string; size: number }> = [];
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push({ path, name: relative(input, path), size: (await stat(path)).size });
    }
  };
  await walk(input);
  if (!found.length) throw new StagemakerError("not-found", `The input folder ${input} has no files to transform.`);
  return found;
}
