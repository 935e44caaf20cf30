import type { IncomingMessage, ServerResponse } from "node:http";
import type { UploadName } from "../contract";
import type { Binding } from "../faces-common/binding";
import { readJson, sendEnvelope, sendError, signalOnDisconnect } from "./wire";

/** Routes under /api/ once Host, Origin and token have been checked. See README.md for the wire shape. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, binding: Binding): Promise<void> {
  const [, , kind, name = ""] = url.pathname.split("/");
  // Uploads are /api/<domain>/<method> (apiPath.upload in the contract): /api/artifacts/upload.
  const uploadName = `${kind ?? ""}.${name}`;
  if (binding.isUpload(uploadName)) {
    if (req.method !== "PUT") return sendError(res, "invalid-input", "Use PUT for uploads.", 405);
    return upload(req, res, binding, uploadName, Object.fromEntries(url.searchParams));
  }
  if (req.method !== "POST") return sendError(res, "invalid-input", "Use POST for calls and streams.", 405);
  if (kind === "call" && binding.isCall(name)) {
    const input = await parseBody(req, res);
    if (input === undefined) return;
    const signal = signalOnDisconnect(res);
    return sendEnvelope(res, await binding.call(name, input, signal));
  }
  if (kind === "stream" && binding.isStream(name)) {
    const input = await parseBody(req, res);
    if (input === undefined) return;
    return streamNdjson(res, (emit, signal) => binding.stream(name, input, emit, signal));
  }
  return sendError(res, "not-found", `No such channel: ${kind ?? ""}/${name}.`, 404);
}

async function parseBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  try {
    return (await readJson(req)) ?? {};
  } catch (err) {
    sendError(res, "invalid-input", `Could not read the request: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * One line per event, `{"event": …}`, then one `{"result": envelope}` line. Closing the connection
 * (fetch abort, tab closed) aborts the work on the core side.
 */
async function streamNdjson(
  res: ServerResponse,
  run: (emit: (event: unknown) => void, signal: AbortSignal) => Promise<unknown>,
): Promise<void> {
  const signal = signalOnDisconnect(res);
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    "Content-Type": "application/x-ndjson; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.flushHeaders();
  const write = (line: unknown) => {
    if (!res.destroyed && !res.writableEnded) res.write(`${JSON.stringify(line)}\n`);
  };
  const result = await run((event) => write({ event }), signal);
  write({ result });
  if (!res.destroyed) res.end();
}

/**
 * PUT with the raw bytes as the body and the input as query parameters. The request stream goes
 * straight to the core, so a multi-GB file never sits in memory; a closed connection aborts the
 * import and the core removes the partial file.
 */
async function upload(req: IncomingMessage, res: ServerResponse, binding: Binding, name: UploadName, input: unknown): Promise<void> {
  const signal = signalOnDisconnect(res);
  req.once("aborted", () => req.destroy());
  const bytesTotal = Number(req.headers["content-length"] ?? 0) || undefined;
  const result = await binding.upload(name, input, { bytes: req, bytesTotal }, signal);
  // A refused input or a failed import leaves the rest of the body unread; drain it so the answer arrives.
  if (!result.ok) req.resume();
  sendEnvelope(res, result);
}
