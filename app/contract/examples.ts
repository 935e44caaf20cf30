// Saved examples: a request and the answer expected for it, replayed as regression tests.
import { z } from "zod";
import { ProjectRef } from "./projects";

export const ExampleName = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "letters, digits, spaces and . _ - (starting with a letter or digit)");

/** How a got answer may differ from the expected one and still pass. */
export const MatchRules = z.object({
  /** Numbers pass when |got - expected| <= floatAbs + floatRel * |expected|. */
  floatAbs: z.number().min(0).default(1e-6),
  floatRel: z.number().min(0).default(1e-6),
  /** JSON paths left out of the comparison, `*` for any key or index: "predictions.*.id". */
  ignore: z.array(z.string().min(1)).default([]),
});
export type MatchRules = z.infer<typeof MatchRules>;

export const ExampleRequest = z.object({
  path: z.string().regex(/^\/(invocations|v1\/models\/[A-Za-z0-9._-]+:predict)$/).default("/invocations"),
  contentType: z.string().min(1).default("application/json"),
  accept: z.string().optional(),
  customAttributes: z.string().max(1024).optional(),
  /** The exact body text (the file keeps JSON bodies as JSON, numbers as written). */
  body: z.string(),
});
export type ExampleRequest = z.infer<typeof ExampleRequest>;

/** One examples/<file>.json as the faces see it (bodies as exact text). */
export const Example = z.object({
  name: ExampleName,
  file: z.string(),
  description: z.string().optional(),
  savedAt: z.string().optional(),
  request: ExampleRequest,
  expected: z.object({ status: z.number().int(), contentType: z.string().optional(), body: z.string() }),
  match: MatchRules,
});
export type Example = z.infer<typeof Example>;

export const SaveExampleInput = ProjectRef.extend({
  name: ExampleName,
  description: z.string().max(2000).optional(),
  /** Save this history entry's request and answer… */
  historyId: z.string().optional(),
  /** …or send this request now to the running container and keep its answer. */
  request: ExampleRequest.optional(),
  match: MatchRules.partial().optional(),
  overwrite: z.boolean().default(false),
});

export const Difference = z.object({
  /** Where, as a path into the body ("predictions.0.score"), "" for the whole body, or "status". */
  path: z.string(),
  expected: z.string(),
  got: z.string(),
});
export type Difference = z.infer<typeof Difference>;

export const ExampleOutcome = z.object({
  name: z.string(),
  file: z.string(),
  passed: z.boolean(),
  status: z.number().int().optional(),
  differences: z.array(Difference),
  /** What came back, for a side-by-side diff. */
  got: z.object({ status: z.number().int().optional(), contentType: z.string().optional(), body: z.string() }),
  expected: Example.shape.expected,
  error: z.string().optional(),
  ms: z.number(),
});
export type ExampleOutcome = z.infer<typeof ExampleOutcome>;

export const ExamplesReport = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  outcomes: z.array(ExampleOutcome),
  at: z.string(),
});
export type ExamplesReport = z.infer<typeof ExamplesReport>;

export const RunExamplesInput = ProjectRef.extend({ names: z.array(z.string()).optional() });
export const RemoveExampleInput = ProjectRef.extend({ name: z.string() });
