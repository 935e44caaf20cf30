import { isUtf8 } from "node:buffer";
import { request } from "node:http";
import { type InvocationResult, type InvokeInput, isBinaryMedia } from "../../contract";

/** Bodies above this are cut for display; the true size is still reported. */
export const BODY_CAP_BYTES = 1024 * 1024;

/**
 * POSTs to the container like SageMaker's runtime would. Refused connections, timeouts and non-2xx
 * answers are results to show, never exceptions.
 */
export function sendInvocation(
  port: number,
  input: Omit<InvokeInput, "project">,
  signal?: AbortSignal,
  capBytes = BODY_CAP_BYTES,
): Promise<InvocationResult> {
  const started = performance.now();
  const body = Buffer.from(input.body, input.bodyEncoding === "base64" ? "base64" : "utf8");
  const headers: Record<string, string | number> = { "Content-Type": input.contentType, "Content-Length": body.length };
  if (input.accept) headers.Accept = input.accept;
  if (input.customAttributes) headers["X-Amzn-SageMaker-Custom-Attributes"] = input.customAttributes;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<InvocationResult, "timings">, ttfbMs?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, timings: { totalMs: round(performance.now() - started), ...(ttfbMs === undefined ? {} : { ttfbMs }) } });
    };
    const fail = (kind: "refused" | "timeout" | "network", message: string) =>
      finish({ headers: {}, body: "", bodyBytes: 0, truncated: false, failure: { kind, message } });

    const req = request({ host: "127.0.0.1", port, method: "POST", path: input.path, headers, signal }, (res) => {
      const ttfbMs = round(performance.now() - started);
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      res.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (kept < capBytes) {
          const part = chunk.subarray(0, capBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      res.on("end", () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
        const bytes = Buffer.concat(chunks);
        // An NPY answer (or any bytes that are not UTF-8) would be mangled as text: it travels base64.
        const binary = isBinaryMedia(out["content-type"]) || (total === kept && !isUtf8(bytes));
        finish(
          {
            status: res.statusCode,
            statusText: res.statusMessage || undefined,
            headers: out,
            body: bytes.toString(binary ? "base64" : "utf8"),
            ...(binary ? { bodyEncoding: "base64" as const } : {}),
            bodyBytes: total,
            truncated: total > kept,
          },
          ttfbMs,
        );
      });
      res.on("error", (e) => fail("network", `The answer broke off: ${e.message}`));
    });
    const timer = setTimeout(() => {
      req.destroy();
      fail("timeout", `No complete answer within ${input.timeoutMs} ms.`);
    }, input.timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNREFUSED") fail("refused", `Nothing listens on port ${port}: is the container running?`);
      else if (signal?.aborted) fail("network", "The request was cancelled.");
      else fail("network", e.message);
    });
    req.end(body);
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;
