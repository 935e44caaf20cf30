import { z } from "zod";
import {
  channels,
  resultSchema,
  type Artifact,
  type CallName,
  type ChannelName,
  type ErrorCode,
  type ErrorDetail,
  type ErrorInfo,
  type EventOf,
  type InputOf,
  type OutputOf,
  type Result,
  type StreamName,
} from "../../app/contract";

/** An error from any face, keeping the contract's code and typed detail so the UI can say what to do. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly detail: ErrorInfo["detail"];
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "ApiError";
    this.code = info.code;
    this.detail = info.detail;
  }
  /** The detail when the error has this code (e.g. the BuildFailure of "build-failed"), else undefined. */
  detailOf<C extends ErrorCode>(code: C): ErrorDetail<C> | undefined {
    return this.code === code ? (this.detail as ErrorDetail<C> | undefined) : undefined;
  }
}

/** The value of a `{ok: true}` envelope; an `{ok: false}` one becomes an ApiError with its code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

const mismatch = (what: string, err: z.ZodError) =>
  new ApiError({ code: "internal", message: `${what} did not match the contract (app and core out of step?): ${z.prettifyError(err)}` });

/** Parses an answer with the channel's schemas (never cast), then unwraps it like `unwrap`. */
export function readAnswer<K extends ChannelName>(name: K, raw: unknown): OutputOf<K> {
  const parsed = resultSchema(channels[name].output).safeParse(raw);
  if (!parsed.success) throw mismatch(`The answer to ${name}`, parsed.error);
  return unwrap(parsed.data as Result<OutputOf<K>>);
}

/** Parses one stream event with the channel's event schema. */
export function readEvent<K extends StreamName>(name: K, raw: unknown): EventOf<K> {
  const parsed = channels[name].event.safeParse(raw);
  if (!parsed.success) throw mismatch(`An event of ${name}`, parsed.error);
  return parsed.data as EventOf<K>;
}

export interface StreamHandle<O> {
  /** Resolves with the stream's final output, rejects with ApiError (code "cancelled" after cancel). */
  result: Promise<O>;
  /** Stops the work on the serving side (a build, an import, a log follow). */
  cancel(): void;
}

export interface UploadProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
}

/**
 * The renderer's one way to reach the core. Two transports implement it: the Electron preload
 * bridge, and HTTP with NDJSON streams to the browser host. Features never know which.
 */
export interface StagemakerApi {
  readonly face: "electron" | "browser";
  call<K extends CallName>(name: K, input: InputOf<K>): Promise<OutputOf<K>>;
  stream<K extends StreamName>(name: K, input: InputOf<K>, onEvent: (event: EventOf<K>) => void): StreamHandle<OutputOf<K>>;
  /**
   * Copy dropped or picked files into the project's artifacts/, streaming (never whole in memory).
   * `relPath` keeps folder structure for dropped folders. Cancel via `signal` leaves nothing partial.
   */
  uploadArtifacts(
    project: string,
    files: { file: File; relPath: string }[],
    onProgress: (p: UploadProgress) => void,
    signal: AbortSignal,
  ): Promise<Artifact[]>;
  /** The operating system's folder dialog (Electron only; the browser face lists folders through the host). */
  pickFolder?(): Promise<string | null>;
}
