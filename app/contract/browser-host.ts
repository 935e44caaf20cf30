// The browser host's wire: the token header and the URL of each channel kind (see app/web/README.md).
import type { CallName, StreamName, UploadName } from "./channels";

/** Header the browser host checks on every /api/ request; Node lower-cases incoming header names. */
export const tokenHeader = "x-stagemaker-token";

/** POST JSON → envelope; POST JSON → NDJSON events then `{"result": envelope}`; PUT raw bytes → envelope. */
export const apiPath = {
  call: (name: CallName) => `/api/call/${name}`,
  stream: (name: StreamName) => `/api/stream/${name}`,
  /** `artifacts.upload` → /api/artifacts/upload?<input as query>; the body is the bytes. */
  upload: (name: UploadName) => `/api/${name.replace(".", "/")}`,
} as const;
