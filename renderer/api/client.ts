import type { Artifact, CallName, ErrorInfo, EventOf, InputOf, OutputOf, Result, StreamName } from "../../app/contract";

/** An error from any face, keeping the contract's code so the UI can say what to do. */
export class ApiError extends Error {
  readonly code: ErrorInfo["code"];
  readonly detail: unknown;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "ApiError";
    this.code = info.code;
    this.detail = info.detail;
  }
}

/** The value of a `{ok: true}` envelope; an `{ok: false}` one becomes an ApiError with its code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
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
 * bridge and HTTP + server-sent events to the browser host. Features never know which.
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
