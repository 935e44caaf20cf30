// The one HTTP client to a model server's container (/ping, /invocations, /execution-parameters, probes, /openapi.json);
// the load test's own traffic goes through autocannon, a load generator.
// node:http rather than fetch: its errors carry the system code (refused and reset told apart), the body
// streams in so a cap bounds memory while the true size is still counted, and a keep-alive Agent is an option.
import { Agent, type IncomingHttpHeaders, request } from "node:http";

/** Why no (complete) answer came: nothing listening, the connection dropped, too slow, or the caller cancelled. */
export type NoAnswerKind = "refused" | "reset" | "timeout" | "cancelled" | "network";

export class NoAnswer extends Error {
  constructor(
    readonly kind: NoAnswerKind,
    message: string,
    /** True when the status line had arrived and the body broke off. */
    readonly answerStarted = false,
  ) {
    super(message);
    this.name = "NoAnswer";
  }
}

export interface ServerRequest {
  port: number;
  /** Default 127.0.0.1: containers publish on loopback. */
  host?: string;
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string | number>;
  body?: Buffer;
  /** The whole answer must be in within this time (SageMaker's limits are for the complete response). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of the answer's body kept; the rest is counted, not held. Default: all of it. */
  capBytes?: number;
  /** Reuse sockets across requests (a batch transform sends thousands to one port); default a fresh connection. */
  keepAlive?: boolean;
}

export interface ServerAnswer {
  status: number;
  statusText?: string;
  headers: IncomingHttpHeaders;
  /** At most `capBytes`. */
  body: Buffer;
  /** The body's true size. */
  bodyBytes: number;
  truncated: boolean;
  /** Time to the status line, and to the last byte (ms, from the call). */
  ttfbMs: number;
  totalMs: number;
}

/** Keep-alive sockets, shared by every caller that asks for them; 256 covers MaxConcurrentTransforms' range. */
const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 256 });

function describe(e: NodeJS.ErrnoException, host: string, port: number, answerStarted: boolean): NoAnswer {
  if (e instanceof NoAnswer) return e;
  if (e.code === "ECONNREFUSED") return new NoAnswer("refused", `connection refused: nothing listens on ${host}:${port}`);
  if (answerStarted) return new NoAnswer("reset", `the answer broke off: ${e.message}`, true);
  if (e.code === "ECONNRESET" || e.code === "EPIPE") return new NoAnswer("reset", `connection reset (${e.message})`);
  return new NoAnswer("network", e.message);
}

/**
 * One request to a model server. Resolves with any HTTP answer (non-2xx included); rejects with
 * `NoAnswer` only when no complete answer came, its `kind` saying why.
 */
export function requestServer(r: ServerRequest): Promise<ServerAnswer> {
  const host = r.host ?? "127.0.0.1";
  const cap = r.capBytes ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const since = () => Math.round((performance.now() - started) * 100) / 100;
  return new Promise((resolve, reject) => {
    let settled = false;
    let answerStarted = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const fail = (e: NoAnswer) => settle(() => reject(e));
    const headers = { ...r.headers, ...(r.body ? { "Content-Length": r.body.length } : {}) };
    const req = request(
      { host, port: r.port, method: r.method ?? "GET", path: r.path, headers, agent: r.keepAlive ? keepAliveAgent : false },
      (res) => {
        answerStarted = true;
        const ttfbMs = since();
        const chunks: Buffer[] = [];
        let kept = 0;
        let total = 0;
        res.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (kept < cap) {
            const part = chunk.subarray(0, cap - kept);
            chunks.push(part);
            kept += part.length;
          }
        });
        res.on("end", () =>
          settle(() =>
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage || undefined,
              headers: res.headers,
              body: Buffer.concat(chunks),
              bodyBytes: total,
              truncated: total > kept,
              ttfbMs,
              totalMs: since(),
            }),
          ),
        );
        res.on("error", (e) => fail(describe(e, host, r.port, true)));
      },
    );
    // A ref'd timer: a CLI waiting on the answer stays alive (AbortSignal.timeout's timer is unref'd).
    const timer = setTimeout(() => {
      const seconds = r.timeoutMs >= 1000 ? `${Math.round(r.timeoutMs / 100) / 10} s` : `${r.timeoutMs} ms`;
      fail(new NoAnswer("timeout", `no complete answer within ${seconds}`, answerStarted));
      req.destroy();
    }, r.timeoutMs);
    const onAbort = () => {
      fail(new NoAnswer("cancelled", "the request was cancelled", answerStarted));
      req.destroy();
    };
    if (r.signal?.aborted) onAbort();
    else r.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e: NodeJS.ErrnoException) => fail(describe(e, host, r.port, answerStarted)));
    req.end(r.body);
  });
}
