// The sweep: one probe request (a body the model refuses would measure only errors), then one step
// per concurrency, each with the container's usage sampled beside it; cancelling ends the current
// step at once and keeps the steps done. The report is saved and compared with the previous build's run.
import { cpus } from "node:os";
import type Docker from "dockerode";
import { type LoadEvent, type LoadReport, type LoadStep, type ParsedLoadInput, sizingHint, StagemakerError } from "../../contract";
import { requestServer, type ServerAnswer } from "../serving/server-request";
import { watchUsage } from "./container-usage";
import { repeatInstances, resolveBody } from "./load-body";
import { findLoadTarget } from "./load-target";
import { runStep } from "./run-step";
import { compareRuns, listRuns, previousRun, runId, saveRun } from "./saved-runs";

export async function runLoad(
  docker: Docker,
  projectDir: string,
  input: ParsedLoadInput,
  emit: (e: LoadEvent) => void,
  signal: AbortSignal,
): Promise<LoadReport> {
  const startedAt = new Date();
  const target = await findLoadTarget(docker, projectDir);
  let body = await resolveBody(projectDir, input.body, target.base, signal);
  if (input.instancesPerRequest) body = repeatInstances(body, input.instancesPerRequest);
  const url = `${target.base}${body.path}`;
  const headers: Record<string, string> = { "content-type": body.contentType, ...(body.accept ? { accept: body.accept } : {}) };
  emit({
    type: "starting",
    message: `Sending ${body.description} (${body.instances} instance${body.instances === 1 ? "" : "s"}, ${body.body.length} bytes) to ${url}`,
  });
  await probe(url, body.body, headers, signal);

  const steps: LoadStep[] = [];
  for (const [index, concurrency] of input.concurrency.entries()) {
    if (signal.aborted) break;
    emit({ type: "step-started", index, concurrency, of: input.concurrency.length });
    const usage = await watchUsage(docker, target.containerId);
    let figures: Omit<LoadStep, "container">;
    let container: LoadStep["container"];
    try {
      figures = await runStep(
        {
          url,
          body: body.body,
          headers,
          instancesPerRequest: body.instances,
          concurrency,
          durationSeconds: input.durationSeconds,
          maxRequests: input.maxRequestsPerStep,
          ratePerSecond: input.ratePerSecond,
          timeoutSeconds: input.timeoutSeconds,
        },
        signal,
        (p) =>
          emit({
            type: "tick",
            index,
            elapsedMs: Math.round(p.elapsedMs),
            requests: p.requests,
            requestsPerSecond: Math.round((p.requests / Math.max(1, p.elapsedMs)) * 1000),
          }),
      );
    } finally {
      container = usage.stop();
    }
    if (signal.aborted && figures.ok + figures.non2xx === 0) break; // cancelled before it measured anything
    const step = { ...figures, container };
    steps.push(step);
    emit({ type: "step", index, step });
  }
  const cancelled = signal.aborted;
  if (steps.length === 0) throw new StagemakerError("cancelled", "The load test was cancelled before a step finished; nothing was saved.");

  const earlier = await listRuns(projectDir);
  const previous = previousRun(earlier, target.imageId);
  const partial = { steps, target: { url, imageId: target.imageId, image: target.image, workers: target.workers } };
  const report: LoadReport = {
    id: runId(startedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    status: cancelled ? "cancelled" : "completed",
    ...partial,
    body: { description: body.description, contentType: body.contentType, bytes: body.body.length, instancesPerRequest: body.instances },
    settings: {
      durationSeconds: input.durationSeconds,
      maxRequestsPerStep: input.maxRequestsPerStep,
      ratePerSecond: input.ratePerSecond ?? null,
      timeoutSeconds: input.timeoutSeconds,
    },
    machine: { cpus: cpus().length, tool: "autocannon" },
    sizing: sizingHint(steps, input.targetRps, input.p99BudgetMs, target.workers),
    comparison: previous ? compareRuns(partial, previous) : null,
  };
  await saveRun(projectDir, report);
  return report;
}

async function probe(url: string, body: Buffer, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  const { port, pathname, search } = new URL(url);
  let answer: ServerAnswer;
  try {
    answer = await requestServer({ port: Number(port), method: "POST", path: pathname + search, headers, body, timeoutMs: 60_000, signal });
  } catch (e) {
    if (signal.aborted) throw new StagemakerError("cancelled", "The load test was cancelled.");
    throw new StagemakerError(
      "not-running",
      `The container did not answer a first request (${(e as Error).message}). Check it is healthy (Run tab, or \`stagemaker status DIR\`).`,
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new StagemakerError(
      "invalid-input",
      `The model answers this body with ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}. A load test of errors measures nothing; send it from the Invoke tab until it answers 200, save it as an example, and load with it.`,
    );
  }
}
