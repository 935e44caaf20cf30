import { isUtf8 } from "node:buffer";
import { type InvocationResult, type InvokeInput, isBinaryMedia } from "../../contract";
import { NoAnswer, requestServer } from "../serving/server-request";

/** Bodies above this are cut for display; the true size is still reported. */
export const BODY_CAP_BYTES = 1024 * 1024;

/**
 * POSTs to the container like SageMaker's runtime would. Refused connections, timeouts and non-2xx
 * answers are results to show, never exceptions.
 */
export async function sendInvocation(
  port: number,
  input: Omit<InvokeInput, "project">,
  signal?: AbortSignal,
  capBytes = BODY_CAP_BYTES,
): Promise<InvocationResult> {
  const started = performance.now();
  const headers: Record<string, string> = { "Content-Type": input.contentType };
  if (input.accept) headers.Accept = input.accept;
  if (input.customAttributes) headers["X-Amzn-SageMaker-Custom-Attributes"] = input.customAttributes;
  try {
    const res = await requestServer({
      port,
      method: "POST",
      path: input.path,
      headers,
      body: Buffer.from(input.body, input.bodyEncoding === "base64" ? "base64" : "utf8"),
      timeoutMs: input.timeoutMs,
      signal,
      capBytes,
      keepAlive: true,
    });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
    // An NPY answer (or any bytes that are not UTF-8) would be mangled as text: it travels base64.
    const binary = isBinaryMedia(out["content-type"]) || (!res.truncated && !isUtf8(res.body));
    return {
      status: res.status,
      statusText: res.statusText,
      headers: out,
      body: res.body.toString(binary ? "base64" : "utf8"),
      ...(binary ? { bodyEncoding: "base64" as const } : {}),
      bodyBytes: res.bodyBytes,
      truncated: res.truncated,
      timings: { totalMs: res.totalMs, ttfbMs: res.ttfbMs },
    };
  } catch (e) {
    if (!(e instanceof NoAnswer)) throw e;
    return {
      headers: {},
      body: "",
      bodyBytes: 0,
      truncated: false,
      failure: failureOf(e, port, input.timeoutMs),
      timings: { totalMs: Math.round((performance.now() - started) * 100) / 100 },
    };
  }
}

/** The contract's three kinds, in words for the Invoke tab and the CLI. */
function failureOf(e: NoAnswer, port: number, timeoutMs: number): NonNullable<InvocationResult["failure"]> {
  switch (e.kind) {
    case "refused":
      return { kind: "refused", message: `Nothing listens on port ${port}: is the container running?` };
    case "timeout":
      return { kind: "timeout", message: `No complete answer within ${timeoutMs} ms.` };
    case "cancelled":
      return { kind: "network", message: "The request was cancelled." };
    case "reset":
    case "network":
      return { kind: "network", message: e.message.charAt(0).toUpperCase() + e.message.slice(1) };
  }
}
