// The diagnostics.* wire: Python problems in model/ files, found by the project's own tools in a container.
import { z } from "zod";
import { ProjectRef } from "./projects";

export const Problem = z.object({
  /** Relative to the project root, "/" separators (model/predictor.py). */
  path: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  severity: z.enum(["error", "warning", "info"]),
  /** Which tool said it: python (the parser), ruff, pyflakes, mypy. */
  source: z.string(),
  code: z.string().nullable(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const DiagnosticsInput = ProjectRef.extend({
  /** Files or folders to check; model/ when absent. */
  paths: z.array(z.string().min(1).max(4096)).max(100).optional(),
  /** Unsaved text of one file, checked while typing (syntax and lint only; types are checked on save). */
  draft: z.object({ path: z.string().min(1).max(4096), content: z.string().max(100_000) }).optional(),
});

export const DiagnosticsResult = z.object({
  /** False when a checked file has a syntax error: the server would fail to import it. */
  parses: z.boolean(),
  /** The tools that ran (ruff is absent from Debian's packages; pyflakes stands in). */
  tools: z.array(z.string()),
  problems: z.array(Problem),
  elapsedMs: z.number(),
});
export type DiagnosticsResult = z.infer<typeof DiagnosticsResult>;
