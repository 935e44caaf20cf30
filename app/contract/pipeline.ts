// Serial inference pipelines: 2 to 15 projects in order, each answer the next one's request.
import { z } from "zod";

export const PIPELINE_FILE = "stagemaker-pipeline.json";

/** The small file a pipeline folder holds; step paths are relative to that folder (or absolute). */
export const PipelineManifest = z.object({
  name: z.string().min(1).max(100),
  steps: z
    .array(z.object({ project: z.string().min(1) }))
    .min(2, "A pipeline has 2 to 15 projects.")
    .max(15, "A pipeline has 2 to 15 projects."),
});
export type PipelineManifest = z.infer<typeof PipelineManifest>;

export const PipelineRef = z.object({ pipeline: z.string().min(1) });

export const CreatePipelineInput = z.object({
  dir: z.string().min(1),
  projects: z
    .array(z.string().min(1))
    .min(2, "A pipeline has 2 to 15 projects: name at least two.")
    .max(15, "A pipeline has 2 to 15 projects."),
  name: z.string().min(1).max(100).optional(),
});

export const PipelineStep = z.object({
  index: z.number().int(),
  name: z.string(),
  dir: z.string(),
  imageTag: z.string(),
  /** The port the step's server listens on inside its container (SAGEMAKER_BIND_TO_PORT). */
  bindToPort: z.number().int(),
  state: z.enum(["stopped", "healthy", "failed"]),
  hostPort: z.number().int().optional(),
});
export type PipelineStep = z.infer<typeof PipelineStep>;

export const Pipeline = z.object({ dir: z.string(), manifest: PipelineManifest, steps: z.array(PipelineStep) });
export type Pipeline = z.infer<typeof Pipeline>;

export const PipelineRunEvent = z.object({ step: z.number().int(), message: z.string() });

export const PipelineInvokeInput = PipelineRef.extend({
  body: z.string().max(100 * 1024 * 1024),
  contentType: z.string().min(1).default("application/json"),
  accept: z.string().optional(),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(65_000),
});
export type PipelineInvokeInput = z.infer<typeof PipelineInvokeInput>;

/** One hop of an invocation: the request a step got, its answer and the time it took. */
export const PipelineHop = z.object({
  step: z.number().int(),
  name: z.string(),
  request: z.object({ contentType: z.string(), accept: z.string().optional(), body: z.string(), bytes: z.number().int() }),
  response: z.object({ status: z.number().int().optional(), contentType: z.string(), body: z.string(), bytes: z.number().int() }),
  ms: z.number(),
  error: z.string().optional(),
});
export type PipelineHop = z.infer<typeof PipelineHop>;

export const PipelineInvocation = z.object({
  ok: z.boolean(),
  hops: z.array(PipelineHop),
  /** The final answer, or the failing hop's. */
  status: z.number().int().optional(),
  body: z.string(),
  contentType: z.string(),
  totalMs: z.number(),
  /** Names the hop that failed, e.g. "step 2 (model) answered HTTP 400". */
  failure: z.string().optional(),
});
export type PipelineInvocation = z.infer<typeof PipelineInvocation>;
