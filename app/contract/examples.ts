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
  path: z
    .string()
    .regex(/^\/(invocations|v1\/models\/[A-Za-z0-9._-]+:predict)$/)
    .default("/invocations"),
  contentType: z.string().min(1).default("application/json"),
  accept: z.string().optional(),
  customAttributes: z.string().max(1024).optional(),
  /** The exact body text (the file keeps JSON bodies as JSON, numbers as written). */
  body: z.string(),
});
export type ExampleRequest = z.infer<typeof ExampleRequest>;

/** An answer as an example expects it (the `expected` part of examples/<file>.json). */
export const ExpectedAnswer = z.object({ status: z.number().int(), contentType: z.string().optional(), body: z.string() });
export type ExpectedAnswer = z.infer<typeof ExpectedAnswer>;

/** One examples/<file>.json as the faces see it (bodies as exact text). */
export const Example = z.object({
  name: ExampleName,
  file: z.string(),
  description: z.string().optional(),
  savedAt: z.string().optional(),
  request: ExampleRequest,
  expected: ExpectedAnswer,
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

export const AcceptAnswerInput = ProjectRef.extend({
  name: z.string(),
  /** The answer the person saw fail (from the last run); without it the example is sent now and its answer kept. */
  answer: ExpectedAnswer.optional(),
});

/** The examples replayed before an export: the exported repo's `make test` replays them too. */
export const ExamplesCheck = z.object({
  total: z.number().int(),
  /** The examples whose answer differs from the expected one now. */
  failing: z.array(z.string()),
  /** Why they were not replayed (the project is not running); absent when they were. */
  notChecked: z.string().optional(),
});
export type ExamplesCheck = z.infer<typeof ExamplesCheck>;

/** What every face says about an export's examples: what fails and what to do, or undefined when all pass. */
export function examplesWarning(check: ExamplesCheck | undefined): string | undefined {
  if (!check) return undefined;
  if (check.notChecked) return check.notChecked;
  if (!check.failing.length) return undefined;
  const names = check.failing.map((n) => `"${n}"`).join(", ");
  const fail = check.failing.length === 1 ? "fails" : "fail";
  return `${check.failing.length} of ${check.total} examples ${fail} now (${names}): the exported repo's \`make test\` replays them and will fail. Fix the model, or accept the new answers in the Examples tab (\`stagemaker examples accept\`), then export again.`;
}

export const RunExamplesInput = ProjectRef.extend({ names: z.array(z.string()).optional() });
export const RemoveExampleInput = ProjectRef.extend({ name: z.string() });
