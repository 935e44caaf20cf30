import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorCode, Result } from "../contract";

const statusOf: Record<ErrorCode, number> = {
  "invalid-input": 400,
  "not-found": 404,
  "outside-project": 403,
  "engine-unreachable": 503,
  "build-failed": 422,
  "run-failed": 422,
  "not-running": 409,
  cancelled: 499,
  conflict: 409,
  internal: 500,
};

/** Every API answer is the contract's envelope; the HTTP status mirrors its error code for logs and curl. */
export function sendEnvelope(res: ServerResponse, result: Result<unknown>, status?: number): void {
  if (res.destroyed || res.writableEnded) return;
  const body = JSON.stringify(result);
  res.writeHead(status ?? (result.ok ? 200 : statusOf[result.error.code]), {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

export function sendError(res: ServerResponse, code: ErrorCode, message: string, status?: number, detail?: unknown): void {
  sendEnvelope(res, { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } }, status);
}

const maxJsonBytes = 32 * 1024 * 1024;

/** Reads a JSON body with a size cap (file contents travel this way; artifacts use the upload route). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new Error("Content-Type must be application/json.");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxJsonBytes) throw new Error(`Request body larger than ${maxJsonBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.trim() === "" ? {} : JSON.parse(text);
}

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export function signalOnDisconnect(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
