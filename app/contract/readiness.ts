// SageMaker readiness: each point checked against the built image, with the evidence for it.
import { z } from "zod";

export const CheckInput = z.object({
  project: z.string().min(1),
  /** The instance the deploy scripts will ask for (their default: ml.m5.large); gives the platform and the memory. */
  instanceType: z
    .string()
    .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, "an ml.* instance type, e.g. ml.m5.large")
    .default("ml.m5.large"),
  /** The memory limit the container must start and answer under; default: the instance's memory. */
  memoryMb: z.number().int().min(64).max(262_144).optional(),
  /** SageMaker's x86 instances want linux/amd64; Graviton (ml.*g) instances linux/arm64. Default: the instance's. */
  platform: z.enum(["linux/amd64", "linux/arm64"]).optional(),
  /** SageMaker's health-check window for start-up (ContainerStartupHealthCheckTimeoutInSeconds; 4 minutes unless the endpoint sets it). */
  healthCheckSeconds: z.number().int().min(60).max(3600).default(240),
  /** SIGTERM grace before SIGKILL (SageMaker: 30 s). */
  graceSeconds: z.number().int().min(1).max(120).default(30),
  /** A request the model can answer; default: the project's saved sample, else an empty JSON batch. */
  sample: z.object({ body: z.string(), contentType: z.string() }).optional(),
});
export type CheckInput = z.infer<typeof CheckInput>;

export const CheckEvidence = z.object({
  /** What was done, as a command a person could run. */
  command: z.string(),
  /** What came back: an HTTP status, an exit code, a value. */
  status: z.string(),
  /** Seconds since the container started, or how long the step took. */
  ms: z.number().optional(),
  detail: z.string().optional(),
});
export type CheckEvidence = z.infer<typeof CheckEvidence>;

export const CheckPointId = z.enum([
  "serve-starts",
  "ping-within-limit",
  "ping-after-load",
  "invocations",
  "media-types",
  "payload-limit",
  "execution-parameters",
  "bind-to-port",
  "sigterm",
  "platform",
  "read-only-model",
  "memory-limit",
  "image-size",
]);
export type CheckPointId = z.infer<typeof CheckPointId>;

export const CheckPoint = z.object({
  id: CheckPointId,
  title: z.string(),
  /** info: a figure to know (image size), never a failure. */
  status: z.enum(["pass", "fail", "skip", "info"]),
  evidence: z.array(CheckEvidence),
  /** On failure: what to change. */
  hint: z.string().optional(),
});
export type CheckPoint = z.infer<typeof CheckPoint>;

export const CheckEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("checking"), id: CheckPointId, title: z.string() }),
  z.object({ type: z.literal("point"), point: CheckPoint }),
]);
export type CheckEvent = z.infer<typeof CheckEvent>;

export const CheckReport = z.object({
  image: z.string(),
  at: z.string(),
  ok: z.boolean(),
  points: z.array(CheckPoint),
});
export type CheckReport = z.infer<typeof CheckReport>;
