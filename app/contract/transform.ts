// Batch transform: a local CreateTransformJob over a file or folder, with SageMaker's names and rules.
import { z } from "zod";

/** SageMaker's limits: MaxPayloadInMB 0..100 (0 = no limit, only with SplitType None), concurrency × payload ≤ 100. */
export const TransformInput = z
  .object({
    /** A project folder or a pipeline folder (absolute). */
    target: z.string().min(1),
    /** A file, or a folder whose files are all transformed. */
    input: z.string().min(1),
    /** Where `<input file name>.out` files go (created when missing). */
    output: z.string().min(1),
    contentType: z.string().min(1).default("text/csv"),
    accept: z.string().min(1).optional(),
    splitType: z.enum(["None", "Line"]).default("Line"),
    compressionType: z.enum(["None", "Gzip"]).default("None"),
    /** Unset: the container's /execution-parameters answer, then MultiRecord. */
    batchStrategy: z.enum(["SingleRecord", "MultiRecord"]).optional(),
    maxPayloadInMB: z.number().int().min(0).max(100).optional(),
    maxConcurrentTransforms: z.number().int().min(1).max(100).optional(),
    joinSource: z.enum(["None", "Input"]).default("None"),
    inputFilter: z.string().max(63).default("$"),
    outputFilter: z.string().max(63).default("$"),
    assembleWith: z.enum(["None", "Line"]).default("Line"),
    /** stop: the first failed request ends the job (SageMaker); continue: go on and report every failure. */
    onFailure: z.enum(["stop", "continue"]).default("stop"),
    /** Per request, as SageMaker's InvocationsTimeoutInSeconds (default 600 s). */
    invocationsTimeoutSeconds: z.number().int().min(1).max(3600).default(600),
  })
  .refine((t) => !(t.maxPayloadInMB && t.maxConcurrentTransforms && t.maxPayloadInMB * t.maxConcurrentTransforms > 100), {
    message: "MaxConcurrentTransforms × MaxPayloadInMB must be at most 100 (SageMaker's limit).",
  });
export type TransformInput = z.infer<typeof TransformInput>;

/** The settings the job ran with, and where each came from. */
export const TransformSettings = z.object({
  batchStrategy: z.enum(["SingleRecord", "MultiRecord"]),
  maxPayloadInMB: z.number().int(),
  maxConcurrentTransforms: z.number().int(),
  source: z.object({
    batchStrategy: z.enum(["job", "container", "default"]),
    maxPayloadInMB: z.enum(["job", "container", "default"]),
    maxConcurrentTransforms: z.enum(["job", "container", "default"]),
  }),
  /** How the job reached a server: a container it started itself, or the one already running. */
  endpoint: z.enum(["own-container", "running-container", "pipeline"]),
});
export type TransformSettings = z.infer<typeof TransformSettings>;

/** One failed request: which records (1-based line numbers, inclusive), the answer and why. */
export const TransformFailure = z.object({
  file: z.string(),
  firstRecord: z.number().int(),
  lastRecord: z.number().int(),
  status: z.number().int().optional(),
  body: z.string(),
  message: z.string(),
});
export type TransformFailure = z.infer<typeof TransformFailure>;

export const TransformProgress = z.object({
  records: z.number().int(),
  requests: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  recordsPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
  file: z.string().optional(),
});
export type TransformProgress = z.infer<typeof TransformProgress>;

export const TransformEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("starting"), message: z.string() }),
  z.object({ type: z.literal("settings"), settings: TransformSettings, files: z.number().int() }),
  z.object({ type: z.literal("progress"), progress: TransformProgress }),
  z.object({ type: z.literal("file-done"), file: z.string(), output: z.string().nullable(), records: z.number().int() }),
  z.object({ type: z.literal("failure"), failure: TransformFailure }),
]);
export type TransformEvent = z.infer<typeof TransformEvent>;

export const TransformFileResult = z.object({
  input: z.string(),
  /** Null when a record of the file failed: SageMaker writes a file's output only when all of it succeeded. */
  output: z.string().nullable(),
  records: z.number().int(),
  requests: z.number().int(),
});

export const TransformResult = z.object({
  status: z.enum(["Completed", "Failed", "Stopped"]),
  settings: TransformSettings,
  files: z.array(TransformFileResult),
  failures: z.array(TransformFailure),
  progress: TransformProgress,
});
export type TransformResult = z.infer<typeof TransformResult>;
