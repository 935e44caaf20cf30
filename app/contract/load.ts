// Load test of a project's running container: a concurrency sweep, each step bounded in requests and
// seconds, with latency percentiles, the server's own timing breakdown, docker stats and a sizing hint.
import { z } from "zod";
import { ProjectRef } from "./projects";

/** Where the request body comes from; none given: the first saved example, else one instance made from the Instance schema. */
export const LoadBody = z.discriminatedUnion("from", [
  z.object({ from: z.literal("example"), name: z.string().min(1) }),
  z.object({ from: z.literal("text"), text: z.string().min(1), contentType: z.string().min(1).default("application/json") }),
  /** A file on the host (absolute); its type from `contentType`, else its extension (.json, .csv, .npy). */
  z.object({ from: z.literal("file"), path: z.string().min(1), contentType: z.string().min(1).optional() }),
]);
export type LoadBody = z.infer<typeof LoadBody>;

export const LoadInput = ProjectRef.extend({
  body: LoadBody.optional(),
  /** Instances per request: the body's instances repeated (JSON, CSV, NPY) up to this many; unset: as the body has them. */
  instancesPerRequest: z.number().int().min(1).max(10000).optional(),
  /** Connections per step, in order. */
  concurrency: z.array(z.number().int().min(1).max(512)).min(1).max(16).default([1, 2, 4, 8, 16, 32]),
  /** Seconds per step (the step also ends at maxRequestsPerStep). */
  durationSeconds: z.number().min(1).max(600).default(10),
  maxRequestsPerStep: z.number().int().min(10).max(5_000_000).default(200_000),
  /** A target request rate (requests/s over all connections) instead of as fast as it answers. */
  ratePerSecond: z.number().int().min(1).max(1_000_000).optional(),
  /** Per request; a request still unanswered then counts as a timeout. */
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
  /** The traffic the endpoint must carry and its p99 budget, for the sizing hint. */
  targetRps: z.number().positive().optional(),
  p99BudgetMs: z.number().positive().default(100),
});
export type LoadInput = z.input<typeof LoadInput>;
export type ParsedLoadInput = z.output<typeof LoadInput>;

export const LatencySummary = z.object({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number(), max: z.number() });

/** Means per answered request, in milliseconds, from the server's Server-Timing header. */
export const ServerBreakdown = z.object({
  /** Answers that carried the header (0: the server's timing is off, or an older template). */
  timedResponses: z.number().int(),
  queueMs: z.number(),
  modelMs: z.number(),
  /** Decoding, encoding, the thread hop: server time minus queue and model. */
  serverOverheadMs: z.number(),
  /** Client latency minus server time: connection, HTTP and this machine's scheduling. */
  networkMs: z.number(),
  /** Instances per predict call, as the server batched them. */
  batchSize: z.number(),
});
export type ServerBreakdown = z.infer<typeof ServerBreakdown>;

export const ContainerUsage = z.object({
  samples: z.number().int(),
  /** 100 = one core. */
  cpuPercentMean: z.number(),
  cpuPercentMax: z.number(),
  memoryMbMax: z.number(),
});
export type ContainerUsage = z.infer<typeof ContainerUsage>;

export const LoadStep = z.object({
  concurrency: z.number().int(),
  durationMs: z.number(),
  requests: z.number().int(),
  ok: z.number().int(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  statusCodes: z.record(z.string(), z.number().int()),
  requestsPerSecond: z.number(),
  instancesPerSecond: z.number(),
  bytesRead: z.number(),
  /** Milliseconds, of the 2xx answers. */
  latency: LatencySummary,
  /** Latency buckets (ms, upper bounds) and their counts. */
  histogram: z.array(z.object({ upToMs: z.number(), count: z.number().int() })),
  server: ServerBreakdown.nullable(),
  container: ContainerUsage.nullable(),
});
export type LoadStep = z.infer<typeof LoadStep>;

export const SizingHint = z.object({
  targetRps: z.number(),
  p99BudgetMs: z.number(),
  /** The step with the most requests/s whose p99 stayed in budget with no errors (null: none did). */
  kneeConcurrency: z.number().int().nullable(),
  kneeRps: z.number().nullable(),
  containers: z.number().int().nullable(),
  workers: z.number().int(),
  text: z.string(),
});
export type SizingHint = z.infer<typeof SizingHint>;

export const LoadComparison = z.object({
  previousId: z.string(),
  previousImageId: z.string().nullable(),
  sameBuild: z.boolean(),
  /** Best requests/s now vs then, in percent (+ = more throughput). */
  throughputChangePercent: z.number(),
  /** p99 at the highest concurrency both runs have, in percent (+ = slower). */
  p99ChangePercent: z.number().nullable(),
  atConcurrency: z.number().int().nullable(),
  steps: z.array(z.object({ concurrency: z.number().int(), rpsChangePercent: z.number(), p99ChangePercent: z.number() })),
  text: z.string(),
});
export type LoadComparison = z.infer<typeof LoadComparison>;

export const LoadReport = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(["completed", "cancelled"]),
  target: z.object({ url: z.string(), imageId: z.string().nullable(), image: z.string(), workers: z.number().int() }),
  body: z.object({ description: z.string(), contentType: z.string(), bytes: z.number().int(), instancesPerRequest: z.number().int() }),
  settings: z.object({
    durationSeconds: z.number(),
    maxRequestsPerStep: z.number().int(),
    ratePerSecond: z.number().nullable(),
    timeoutSeconds: z.number(),
  }),
  machine: z.object({ cpus: z.number().int(), tool: z.string() }),
  steps: z.array(LoadStep),
  sizing: SizingHint,
  comparison: LoadComparison.nullable(),
});
export type LoadReport = z.infer<typeof LoadReport>;

export const LoadEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("starting"), message: z.string() }),
  z.object({ type: z.literal("step-started"), index: z.number().int(), concurrency: z.number().int(), of: z.number().int() }),
  /** Once a second during a step. */
  z.object({
    type: z.literal("tick"),
    index: z.number().int(),
    elapsedMs: z.number(),
    requests: z.number().int(),
    requestsPerSecond: z.number(),
  }),
  z.object({ type: z.literal("step"), index: z.number().int(), step: LoadStep }),
]);
export type LoadEvent = z.infer<typeof LoadEvent>;
