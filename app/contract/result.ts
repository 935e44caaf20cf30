import { z } from "zod";

/** Error codes that keep their meaning across IPC, HTTP and the CLI's exit codes. */
export const ErrorCode = z.enum([
  "invalid-input", // the payload did not parse against the contract
  "not-found", // project, file, image or container does not exist
  "outside-project", // a path resolved outside the project folder
  "engine-unreachable", // no Docker engine answers
  "build-failed",
  "run-failed", // container exited or never became healthy
  "not-running", // the project has no running container
  "cancelled",
  "conflict", // e.g. a folder that is not empty, a build already running
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.unknown().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** The envelope every call returns on every face. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}

/** Thrown by core code; faces turn it into the `{ok:false}` envelope without losing the code. */
export class StagemakerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = "StagemakerError";
  }
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof StagemakerError) return { code: err.code, message: err.message, detail: err.detail };
  if (err instanceof z.ZodError) {
    return { code: "invalid-input", message: z.prettifyError(err), detail: err.issues };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal", message };
}
