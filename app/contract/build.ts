import { z } from "zod";

export const BuildEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("context"), bytes: z.number(), files: z.number() }),
  z.object({ type: z.literal("step"), index: z.number().int(), total: z.number().int(), instruction: z.string() }),
  z.object({ type: z.literal("step-done"), index: z.number().int(), cached: z.boolean(), durationMs: z.number() }),
  z.object({ type: z.literal("log"), line: z.string() }),
]);
export type BuildEvent = z.infer<typeof BuildEvent>;

export const BuildResult = z.object({
  imageId: z.string(),
  tag: z.string(),
  sizeBytes: z.number(),
  durationMs: z.number(),
  steps: z.number().int(),
  cachedSteps: z.number().int(),
});
export type BuildResult = z.infer<typeof BuildResult>;

/** Causes a face can offer a one-click fix for: `tls` → use a CA bundle and build again. */
export const BuildFailureCause = z.enum(["tls"]);
export type BuildFailureCause = z.infer<typeof BuildFailureCause>;

/** Detail of a build-failed error: which step broke and the tail of its output. */
export const BuildFailure = z.object({
  step: z.number().int().optional(),
  instruction: z.string().optional(),
  message: z.string(),
  lastLines: z.array(z.string()),
  /** What to do about it, when the cause is recognised (proxy CA, no such package, offline). */
  hint: z.string().optional(),
  cause: BuildFailureCause.optional(),
  /** The CA bundle the build used, if any (a TLS failure with none set suggests adding one). */
  caBundle: z.string().nullable().optional(),
});
export type BuildFailure = z.infer<typeof BuildFailure>;
