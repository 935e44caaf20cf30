// The server's own timing, read from the standard Server-Timing header the template sends
// (server-template/server/timing.py): queue;dur=…, model;dur=…, server;dur=…, batch;desc=….
import type { ServerBreakdown } from "../../contract";

export interface ServerTiming {
  queue: number;
  model: number;
  server: number;
  batch: number;
}

/** The template's metrics from one header value; null when it is not the template's (another server, timing off). */
export function parseServerTiming(value: string | undefined): ServerTiming | null {
  if (!value) return null;
  const found: Partial<ServerTiming> = {};
  for (const metric of value.split(",")) {
    const [name, ...params] = metric.trim().split(";");
    for (const param of params) {
      const [key, raw] = param.trim().split("=");
      const number = Number(raw?.replace(/^"|"$/g, ""));
      if (
        (key === "dur" || key === "desc") &&
        Number.isFinite(number) &&
        (name === "queue" || name === "model" || name === "server" || name === "batch")
      )
        found[name] = number;
    }
  }
  const { queue, model, server, batch } = found;
  return queue !== undefined && model !== undefined && server !== undefined && batch !== undefined ? { queue, model, server, batch } : null;
}

/** Sums of the header's values over a step's answers, turned into means at the end. */
export class ServerTimingSums {
  private n = 0;
  private queue = 0;
  private model = 0;
  private server = 0;
  private batch = 0;

  add(t: ServerTiming): void {
    this.n++;
    this.queue += t.queue;
    this.model += t.model;
    this.server += t.server;
    this.batch += t.batch;
  }

  /** Null when no answer carried the header; `meanLatencyMs` is the client's mean over the same answers. */
  breakdown(meanLatencyMs: number): ServerBreakdown | null {
    if (this.n === 0) return null;
    const r = (x: number) => Math.round((x / this.n) * 1000) / 1000;
    const server = this.server / this.n;
    return {
      timedResponses: this.n,
      queueMs: r(this.queue),
      modelMs: r(this.model),
      serverOverheadMs: Math.max(0, Math.round((server - this.queue / this.n - this.model / this.n) * 1000) / 1000),
      networkMs: Math.max(0, Math.round((meanLatencyMs - server) * 1000) / 1000),
      batchSize: Math.round((this.batch / this.n) * 10) / 10,
    };
  }
}
