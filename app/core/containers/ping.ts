import { request } from "node:http";

export interface PingAnswer {
  status?: number;
  /** X-Stagemaker-Server-Id: tells a restarted server process from the old one. */
  serverId?: string;
  /** What went wrong when no answer came, for progress messages. */
  error?: string;
}

/** One GET /ping, by default with SageMaker's 2 s limit (status checks ask for less); never throws. */
export function ping(port: number, timeoutMs = 2000, host = "127.0.0.1"): Promise<PingAnswer> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: "/ping", method: "GET", timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      const id = res.headers["x-stagemaker-server-id"];
      res.on("end", () => resolve({ status: res.statusCode, serverId: Array.isArray(id) ? id[0] : id }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code === "ECONNREFUSED" ? "connection refused" : e.code === "ECONNRESET" ? "connection reset" : e.message }));
    req.end();
  });
}
