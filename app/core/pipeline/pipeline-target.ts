// Invoking a pipeline as SageMaker does: each step's answer (200, body, Content-Type) is the next request.
import type Docker from "dockerode";
import type { PipelineHop, PipelineInvocation } from "../../contract";
import { type Answer, containerTarget, httpExchange, type InvocationTarget } from "../serving/invocation-target";
import { findPipelineContainers, startPipelineContainers } from "./pipeline-containers";
import { readPipeline } from "./pipeline-file";

const PREVIEW = 64 * 1024;

export interface ChainStep {
  name: string;
  hostPort: number;
}

/**
 * Sends the request through the steps. Between steps the Accept header asks for the type the request
 * came in (so a CSV chain stays CSV); the caller's Accept goes to the last step only.
 */
export async function invokeChain(
  steps: ChainStep[],
  body: Buffer,
  contentType: string,
  accept: string | undefined,
  options: { signal?: AbortSignal; timeoutMs: number; keepHops?: boolean },
): Promise<{ answer: Answer; hops: PipelineHop[]; failedAt?: number }> {
  const hops: PipelineHop[] = [];
  let request = { body, contentType };
  for (const [index, step] of steps.entries()) {
    const last = index === steps.length - 1;
    const hopAccept = last ? accept : contentType;
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await httpExchange(
        step.hostPort,
        "POST",
        "/invocations",
        { "Content-Type": request.contentType, ...(hopAccept ? { Accept: hopAccept } : {}) },
        request.body,
        options,
      );
    } catch (err) {
      const message = `step ${index + 1} (${step.name}) gave no answer: ${(err as Error).message}`;
      if (options.keepHops) hops.push(hop(index, step, request, hopAccept, undefined, performance.now() - started, message));
      throw Object.assign(new Error(message), { hops });
    }
    answer.hop = { index, name: step.name };
    if (options.keepHops) hops.push(hop(index, step, request, hopAccept, answer, performance.now() - started));
    if (answer.status !== 200) return { answer, hops, failedAt: index };
    request = { body: answer.body, contentType: answer.contentType || request.contentType };
    if (last) return { answer, hops };
  }
  throw new Error("a pipeline has at least two steps");
}

function hop(
  index: number,
  step: ChainStep,
  request: { body: Buffer; contentType: string },
  accept: string | undefined,
  answer: Answer | undefined,
  ms: number,
  error?: string,
): PipelineHop {
  return {
    step: index,
    name: step.name,
    request: {
      contentType: request.contentType,
      accept,
      body: request.body.subarray(0, PREVIEW).toString("utf8"),
      bytes: request.body.length,
    },
    response: {
      status: answer?.status,
      contentType: answer?.contentType ?? "",
      body: answer ? answer.body.subarray(0, PREVIEW).toString("utf8") : "",
      bytes: answer?.body.length ?? 0,
    },
    ms,
    error,
  };
}

export function summarise(result: { answer: Answer; hops: PipelineHop[]; failedAt?: number }, totalMs: number): PipelineInvocation {
  const { answer, failedAt } = result;
  return {
    ok: failedAt === undefined,
    hops: result.hops,
    status: answer.status,
    body: answer.body.subarray(0, 1024 * 1024).toString("utf8"),
    contentType: answer.contentType,
    totalMs,
    failure: failedAt === undefined ? undefined : `step ${failedAt + 1} (${answer.hop?.name}) answered HTTP ${answer.status}`,
  };
}

/** A transform's view of a pipeline: the running one, or containers started for the job (batch env). */
export async function openPipelineTarget(
  docker: Docker,
  dir: string,
  batchEnv: string[],
  signal: AbortSignal,
  say: (message: string) => void,
): Promise<{ target: InvocationTarget; close: () => Promise<void> }> {
  const pipeline = await readPipeline(dir);
  const running = await findPipelineContainers(docker, dir);
  let steps: ChainStep[];
  let close = async () => undefined as void;
  if (pipeline.steps.every((s) => running.has(s.index))) {
    steps = pipeline.steps.map((s) => ({ name: s.name, hostPort: running.get(s.index)!.hostPort }));
    say("Using the running pipeline");
  } else {
    const started = await startPipelineContainers(docker, dir, pipeline.steps, {
      extraEnv: batchEnv,
      purpose: "job",
      signal,
      say: (i, m) => say(`step ${i + 1}: ${m}`),
    });
    steps = started.map((s) => ({ name: s.step.name, hostPort: s.hostPort }));
    close = async () => void (await Promise.all(started.map((s) => s.stop(5))));
  }
  return {
    target: {
      invoke: async (body, contentType, accept, options) => (await invokeChain(steps, body, contentType, accept, options)).answer,
      // SageMaker asks the pipeline's first container.
      executionParameters: () => containerTarget(steps[0]!.hostPort).executionParameters(),
    },
    close,
  };
}
