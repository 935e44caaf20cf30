// One step of the sweep: autocannon keeps `concurrency` connections busy against the container for
// at most `durationSeconds` and `maxRequests` answers; we count only what landed inside that window.
import autocannon from "autocannon";
import type { LoadStep } from "../../contract";
import { LatencyRecord } from "./latency-record";
import { parseServerTiming, ServerTimingSums } from "./server-timing";

export interface StepRequest {
  url: string;
  body: Buffer;
  headers: Record<string, string>;
  instancesPerRequest: number;
  concurrency: number;
  durationSeconds: number;
  maxRequests: number;
  ratePerSecond?: number;
  timeoutSeconds: number;
}

export interface StepProgress {
  elapsedMs: number;
  requests: number;
}

/** The step's figures, without the container usage (sampled beside it). */
export function runStep(req: StepRequest, signal: AbortSignal, onTick: (p: StepProgress) => void): Promise<Omit<LoadStep, "container">> {
  return new Promise((resolve, reject) => {
    const latency = new LatencyRecord();
    const timing = new ServerTimingSums();
    const statusCodes: Record<string, number> = {};
    let ok = 0;
    let non2xx = 0;
    let errors = 0;
    let timeouts = 0;
    let bytesRead = 0;
    let started = 0;
    let ended = 0;
    let tickTimer: NodeJS.Timeout | undefined;
    let endTimer: NodeJS.Timeout | undefined;
    const counting = () => started > 0 && ended === 0;

    const instance = autocannon(
      {
        url: req.url,
        connections: req.concurrency,
        // A backstop: the window below ends the step; autocannon's own stop comes at its next sample.
        duration: req.durationSeconds + 5,
        sampleInt: 100,
        timeout: req.timeoutSeconds,
        ...(req.ratePerSecond ? { overallRate: req.ratePerSecond } : {}),
        requests: [
          {
            method: "POST",
            headers: req.headers,
            body: req.body,
            onResponse: (status: number, _body: string, _ctx: unknown, headers?: Record<string, string>) => {
              if (!counting() || status < 200 || status >= 300) return;
              const t = parseServerTiming(headers?.["Server-Timing"] ?? headers?.["server-timing"]);
              if (t) timing.add(t);
            },
          },
        ],
      } as autocannon.Options,
      (err) => {
        clearInterval(tickTimer);
        clearTimeout(endTimer);
        signal.removeEventListener("abort", end);
        const summary = latency.summary();
        const bars = latency.bars();
        latency.destroy();
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const durationMs = Math.max(1, (ended || performance.now()) - (started || performance.now()));
        const requests = ok + non2xx;
        resolve({
          concurrency: req.concurrency,
          durationMs: Math.round(durationMs),
          requests,
          ok,
          non2xx,
          errors,
          timeouts,
          statusCodes,
          requestsPerSecond: Math.round((ok / durationMs) * 1000 * 10) / 10,
          instancesPerSecond: Math.round(((ok * req.instancesPerRequest) / durationMs) * 1000 * 10) / 10,
          bytesRead,
          latency: summary,
          histogram: bars,
          server: timing.breakdown(summary.mean),
        });
      },
    );

    function end(): void {
      if (ended === 0) ended = performance.now();
      instance.stop();
    }

    instance.on("start", () => {
      started = performance.now();
      endTimer = setTimeout(end, req.durationSeconds * 1000);
      tickTimer = setInterval(() => onTick({ elapsedMs: performance.now() - started, requests: ok + non2xx }), 1000);
    });
    instance.on("response", (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
      if (!counting()) return;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      bytesRead += resBytes;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        latency.record(responseTime);
      } else non2xx++;
      if (ok + non2xx >= req.maxRequests) end();
    });
    instance.on("reqError", (error: Error) => {
      if (!counting()) return;
      if (/timed out/.test(error.message)) timeouts++;
      else errors++;
    });
    if (signal.aborted) end();
    signal.addEventListener("abort", end, { once: true });
  });
}
