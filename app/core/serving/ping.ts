import { NoAnswer, requestServer } from "./server-request";

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
export async function ping(port: number, timeoutMs = 2000, host = "127.0.0.1"): Promise<PingAnswer> {
  try {
    // The body matters only for the small not_ready answer; never hold a large one. A fresh connection each time: the server may have restarted.
    const res = await requestServer({ host, port, path: "/ping", timeoutMs, capBytes: 64 * 1024 });
    const id = res.headers["x-stagemaker-server-id"];
    const notReady = res.status === 503 ? readNotReady(res.body.toString("utf8")) : undefined;
    return { status: res.status, serverId: Array.isArray(id) ? id[0] : id, ...(notReady ? { notReady } : {}) };
  } catch (e) {
    if (!(e instanceof NoAnswer)) throw e;
    return { error: e.kind === "refused" ? "connection refused" : e.kind === "reset" && !e.answerStarted ? "connection reset" : e.message };
  }
}
