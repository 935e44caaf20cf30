// The load report as a person reads it in a terminal: the sweep table, where the time goes, the
// histogram of the busiest step, the sizing hint and the comparison with the previous build's run.
import { type LoadReport, type LoadStep, PROJECT_STATE_DIR } from "../../contract";

const f = (n: number, digits = 1) => n.toFixed(digits);
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");

export function loadReportText(r: LoadReport): string {
  const lines = [
    `Load test of ${r.target.url} (${r.target.image}, ${r.target.workers} worker${r.target.workers === 1 ? "" : "s"})${r.status === "cancelled" ? " — CANCELLED, steps done so far" : ""}`,
    `Body: ${r.body.description}, ${r.body.contentType}, ${r.body.instancesPerRequest} instance(s), ${r.body.bytes} bytes; ${r.settings.durationSeconds} s or ${r.settings.maxRequestsPerStep} requests per step${r.settings.ratePerSecond ? `, target ${r.settings.ratePerSecond} req/s` : ""}; ${r.machine.tool} on ${r.machine.cpus} CPUs`,
    "",
  ];
  const w = [5, 9, 10, 7, 7, 7, 7, 6, 7, 8, 6, 7];
  lines.push(
    pad(["conns", "req/s", "inst/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "non-2xx", "MB read", "CPU %", "mem MB"], w),
  );
  for (const s of r.steps) {
    lines.push(
      pad(
        [
          String(s.concurrency),
          f(s.requestsPerSecond),
          f(s.instancesPerSecond),
          f(s.latency.p50, 2),
          f(s.latency.p90, 2),
          f(s.latency.p99, 2),
          f(s.latency.max, 2),
          String(s.errors + s.timeouts),
          String(s.non2xx),
          f(s.bytesRead / 1e6, 2),
          s.container ? f(s.container.cpuPercentMean) : "-",
          s.container ? f(s.container.memoryMbMax) : "-",
        ],
        w,
      ),
    );
  }
  lines.push("", "Where the time goes (mean ms per request, from the server's Server-Timing header):");
  const bw = [5, 10, 9, 9, 9, 9, 7];
  lines.push(pad(["conns", "latency", "network", "server", "queue", "model", "batch"], bw));
  for (const s of r.steps) {
    const b = s.server;
    lines.push(
      b
        ? pad(
            [
              String(s.concurrency),
              f(s.latency.mean, 3),
              f(b.networkMs, 3),
              f(b.serverOverheadMs, 3),
              f(b.queueMs, 3),
              f(b.modelMs, 3),
              f(b.batchSize),
            ],
            bw,
          )
        : `${String(s.concurrency).padStart(5)}  no Server-Timing header (STAGEMAKER_SERVER_TIMING=off, or a server older than this template)`,
    );
  }
  lines.push(
    "  network = client latency − server time (connection, HTTP, this machine); server = decoding, encoding, thread hop; queue = waiting for the predict thread; model = the predict call (shared by `batch` instances)",
  );
  const busiest = r.steps.reduce<LoadStep | undefined>((a, s) => (!a || s.requestsPerSecond > a.requestsPerSecond ? s : a), undefined);
  if (busiest?.histogram.length) {
    lines.push("", `Latency histogram at ${busiest.concurrency} connections (the busiest step):`);
    const most = Math.max(...busiest.histogram.map((h) => h.count));
    for (const h of busiest.histogram)
      lines.push(`  ≤ ${f(h.upToMs, 2).padStart(9)} ms  ${"█".repeat(Math.round((h.count / most) * 40)).padEnd(40)} ${h.count}`);
  }
  lines.push("", `Sizing: ${r.sizing.text}`);
  lines.push(r.comparison ? `Compared: ${r.comparison.text}` : "Compared: no earlier run of this project to compare with.");
  lines.push(`Saved: ${PROJECT_STATE_DIR}/load/${r.id}.json`);
  return lines.join("\n");
}

/** Why --compare fails (empty: it passes): throughput down or p99 up by more than `threshold` percent. */
export function regressions(r: LoadReport, threshold: number): string[] {
  const c = r.comparison;
  if (!c) return [];
  const out: string[] = [];
  if (c.throughputChangePercent < -threshold) out.push(`best throughput fell ${-c.throughputChangePercent}% (more than ${threshold}%)`);
  if (c.p99ChangePercent !== null && c.p99ChangePercent > threshold)
    out.push(`p99 at ${c.atConcurrency} connections rose ${c.p99ChangePercent}% (more than ${threshold}%)`);
  return out;
}
