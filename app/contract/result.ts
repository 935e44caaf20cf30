// The result envelope every channel answers with, error codes and the typed detail of each code.
import { z } from "zod";
import { BuildFailure } from "./build";
import { Detection, GeneratedFile, ModelRefusal } from "./model";

/**
 * How a channel signals failure — one way, on every channel and face:
 * - The operation did not do what was asked → `{ok: false, error}` with a code from ErrorCode and,
 *   for the codes in `errorDetails`, a typed `detail` (a failed build says which step broke; a run
 *   whose container never became healthy says its exit code and last log lines). Core code throws
 *   StagemakerError; the binding turns it into the envelope; transports turn it back into an error.
 * - The operation did what was asked → `{ok: true, value}`, even when the value reports something
 *   bad about the world: `run.status` observing a crashed container answers a "failed" state
 *   (the question was answered), and `invoke.send` answers with what the model server did, its
 *   500 or no answer at all (`failure`), because that outcome is the measurement the inspector and
 *   the history show.
 */
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

/** Detail of a run-failed error: why the container did not become healthy, and its last words. */
export const RunFailure = z.object({
  containerId: z.string().optional(),
  hostPort: z.number().int().optional(),
  imageId: z.string().optional(),
  exitCode: z.number().int().nullable(),
  /** One line: the exception's last line, the exit, or the timeout. */
  reason: z.string(),
  /** What to do about it, when the cause is known (e.g. `numpy<2` for a numpy 1 wheel under numpy 2). */
  hint: z.string().optional(),
  lastLogs: z.array(z.string()),
});
export type RunFailure = z.infer<typeof RunFailure>;

/** Detail of invalid-input: the contract's parse issues, or which browser-host check refused. */
export const InvalidInputDetail = z.union([
  z.array(z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() })),
  z.object({ refused: z.enum(["host", "origin", "token"]) }),
  /** A pickle naming globals that run code when loaded (os.system, builtins.eval…): refused unread. */
  z.object({ dangerous: z.array(z.string()) }),
  /** A model file of a kind Stagemaker does not generate a predictor for, as detected. */
  z.object({ detection: Detection }),
  /** A build, run, check, transform or export of a project whose model cannot be served as it stands. */
  z.object({ modelRefusal: ModelRefusal }),
]);

/** The codes that carry a detail, and its shape; every other code carries none. */
export const errorDetails = {
  "invalid-input": InvalidInputDetail,
  /** The path as given, which resolved outside the project folder. */
  "outside-project": z.object({ path: z.string() }),
  /** The system error (ECONNREFUSED, ENOENT, EACCES…) met when connecting to the engine. */
  "engine-unreachable": z.object({ code: z.string() }),
  "build-failed": BuildFailure,
  "run-failed": RunFailure,
  /** Files the person changed that a write would replace (with their diffs); absent for other conflicts. */
  conflict: z.object({ files: z.array(GeneratedFile) }),
} as const satisfies Partial<Record<ErrorCode, z.ZodType>>;
type DetailCode = keyof typeof errorDetails;
export type ErrorDetail<C extends ErrorCode> = C extends DetailCode ? z.infer<(typeof errorDetails)[C]> : never;

export type ErrorInfo = { [C in ErrorCode]: { code: C; message: string; detail?: ErrorDetail<C> } }[ErrorCode];
/** A detail that does not match its code's shape is dropped, never allowed to hide the message. */
export const ErrorInfo = z.discriminatedUnion(
  "code",
  ErrorCode.options.map((code) =>
    z.object({
      code: z.literal(code),
      message: z.string(),
      detail:
        code in errorDetails
          ? (errorDetails[code as DetailCode] as z.ZodType).optional().catch(undefined)
          : z
              .unknown()
              .optional()
              .transform(() => undefined),
    }),
  ) as unknown as [z.ZodType<ErrorInfo>, ...z.ZodType<ErrorInfo>[]] & never,
) as unknown as z.ZodType<ErrorInfo>;

/** The envelope every call returns on every face. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Transports parse every answer with this and the channel's output schema; nothing is cast. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ErrorInfo })]);
}

/** Thrown by core code; faces turn it into the `{ok:false}` envelope without losing the code. */
export class StagemakerError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly detail?: ErrorDetail<C>,
  ) {
    super(message);
    this.name = "StagemakerError";
  }
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof StagemakerError) return { code: err.code, message: err.message, detail: err.detail } as ErrorInfo;
  if (err instanceof z.ZodError) return { code: "invalid-input", message: z.prettifyError(err), detail: issuesOf(err) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal", message };
}

/** Zod's issues as the invalid-input detail (symbol keys, which JSON drops anyway, become strings). */
export function issuesOf(err: z.ZodError): ErrorDetail<"invalid-input"> {
  return err.issues.map((i) => ({ message: i.message, path: i.path.map((k) => (typeof k === "symbol" ? String(k) : k)) }));
}
