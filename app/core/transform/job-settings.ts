// BatchStrategy, MaxPayloadInMB and MaxConcurrentTransforms: the job's values, then the container's
// /execution-parameters answer, then SageMaker's defaults (MultiRecord, 6 MB, 1).
import { StagemakerError, type TransformInput, type TransformSettings } from "../../contract";
import type { ExecutionParameters } from "../serving/invocation-target";

export function resolveSettings(
  job: TransformInput,
  container: ExecutionParameters | undefined,
  endpoint: TransformSettings["endpoint"],
): TransformSettings {
  const fromContainer = {
    batchStrategy: strategyName(container?.BatchStrategy),
    maxPayloadInMB: whole(container?.MaxPayloadInMB, 0, 100),
    maxConcurrentTransforms: whole(container?.MaxConcurrentTransforms, 1, 100),
  };
  const pick = <T>(job: T | undefined, answer: T | undefined, fallback: T): [T, "job" | "container" | "default"] =>
    job !== undefined ? [job, "job"] : answer !== undefined ? [answer, "container"] : [fallback, "default"];
  const [batchStrategy, s1] = pick(job.batchStrategy, fromContainer.batchStrategy, "MultiRecord" as const);
  const [maxPayloadInMB, s2] = pick(job.maxPayloadInMB, fromContainer.maxPayloadInMB, 6);
  let [maxConcurrentTransforms, s3] = pick(job.maxConcurrentTransforms, fromContainer.maxConcurrentTransforms, 1);
  if (maxPayloadInMB === 0 && job.splitType !== "None") {
    throw new StagemakerError("invalid-input", "MaxPayloadInMB 0 (no limit) is allowed only with SplitType None, as in SageMaker.");
  }
  // SageMaker refuses a product over 100 MB; a container's answer is clamped rather than refused.
  if (maxPayloadInMB > 0 && maxPayloadInMB * maxConcurrentTransforms > 100) {
    if (s3 === "job" && s2 === "job")
      throw new StagemakerError("invalid-input", "MaxConcurrentTransforms × MaxPayloadInMB must be at most 100.");
    maxConcurrentTransforms = Math.max(1, Math.floor(100 / maxPayloadInMB));
  }
  return {
    batchStrategy,
    maxPayloadInMB,
    maxConcurrentTransforms,
    source: { batchStrategy: s1, maxPayloadInMB: s2, maxConcurrentTransforms: s3 },
    endpoint,
  };
}

/** SageMaker's job field and the container's answer spell the strategy differently. */
function strategyName(value: string | undefined): "SingleRecord" | "MultiRecord" | undefined {
  const v = value?.replace(/[_\s-]/g, "").toLowerCase();
  return v === "singlerecord" ? "SingleRecord" : v === "multirecord" ? "MultiRecord" : undefined;
}

function whole(value: unknown, min: number, max: number): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** What the container is told (only what the job set, as SageMaker does). */
export function batchEnvironment(job: Pick<TransformInput, "batchStrategy" | "maxPayloadInMB" | "maxConcurrentTransforms">): string[] {
  const env = ["SAGEMAKER_BATCH=true"];
  if (job.maxPayloadInMB !== undefined) env.push(`SAGEMAKER_MAX_PAYLOAD_IN_MB=${job.maxPayloadInMB}`);
  if (job.batchStrategy) env.push(`SAGEMAKER_BATCH_STRATEGY=${job.batchStrategy === "SingleRecord" ? "SINGLE_RECORD" : "MULTI_RECORD"}`);
  if (job.maxConcurrentTransforms !== undefined) env.push(`SAGEMAKER_MAX_CONCURRENT_TRANSFORMS=${job.maxConcurrentTransforms}`);
  return env;
}
