// A load report as Markdown, for the exported repository's README ("how fast is it" next to "how to run it").
import type { LoadReport } from "../../contract";

const f = (n: number, d = 1) => n.toFixed(d);

export function loadReportMarkdown(r: LoadReport): string {
  const rows = r.steps.map(
    (s) =>
      `| ${s.concurrency} | ${f(s.requestsPerSecond)} | ${f(s.instancesPerSecond)} | ${f(s.latency.p50, 2)} | ${f(s.latency.p90, 2)} | ${f(s.latency.p99, 2)} | ${s.errors + s.timeouts + s.non2xx} | ${s.server ? `${f(s.server.queueMs, 2)} / ${f(s.server.modelMs, 2)} / ${f(s.server.batchSize)}` : "–"} | ${s.container ? `${f(s.container.cpuPercentMean)} / ${f(s.container.memoryMbMax)}` : "–"} |`,
  );
  return [
    `Last load test from Stagemaker (${r.startedAt.slice(0, 16).replace("T", " ")} UTC, ${r.machine.cpus} CPUs, ${r.target.workers} worker(s), ${r.body.instancesPerRequest} instance(s) per request, ${r.settings.durationSeconds} s per step, ${r.machine.tool}). Figures are from the machine it ran on: rerun \`make load\` on yours.`,
    "",
    "| connections | requests/s | instances/s | p50 ms | p90 ms | p99 ms | failed | queue / model ms / batch | CPU % / memory MB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `Sizing: ${r.sizing.text}`,
    "",
  ].join("\n");
}
