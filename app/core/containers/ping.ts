import { request } from "node:http";

export interface PingAnswer {
  status?: number;
  /** X-Stagemaker-Server-Id: tells a restarted server process from the old one. */
  serverId?: string;
  /** A 503 `not_ready` answer's message, and whether it says the load failed (not still loading). */
  notReady?: { message: string; failed: boolean };
  /** What went wrong when no answer came, for progress messages. */
  error?: string;
}

/** The template's 503 body: {"error": {"code": "not_ready", "message": ..., "state": "loading"|"failed"}}. */
function readNotReady(body: string): PingAnswer["notReady"] {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown; state?: unknown } }).error;
    if (error?.code !== "not_ready" || typeof error.message !== "string") return undefined;
    // Servers from before `state` was added say it only in words.
    const failed = error.state === "failed" || (error.state === undefined && /failed to load/i.test(error.message));
    return { message: error.message, failed };
  } catch {
    return undefined;
  }
}

/** One GET /ping, by default with SageMaker's 2 s limit (status checks ask for less); never throws. */
export function ping(port: number, timeoutMs = 2000, host = "127.0.0.1"): Promise<PingAnswer> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: "/ping", method: "GET", timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        // The body matters only for the small not_ready answer; never hold a large one.
        if ((size += c.length) <= 64 * 1024) chunks.push(c);
      });
      const id = res.headers["x-stagemaker-server-id"];
      res.on("end", () => {
        const notReady = res.statusCode === 503 ? readNotReady(Buffer.concat(chunks).toString("utf8")) : undefined;
        resolve({ status: res.statusCode, serverId: Array.isArray(id) ? id[0] : id, ...(notReady ? { notReady } : {}) });
      });
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve({ error: e.code === "ECONNREFUSED" ? "connection refused" : e.code === "ECONNRESET" ? "connection reset" : e.message }),
    );
    req.end();
  });
}
