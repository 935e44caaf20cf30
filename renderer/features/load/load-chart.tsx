// Charts of a sweep with Chart.js (canvas, no eval: fine under the renderer's script-src 'self'):
// throughput and latency percentiles per concurrency, updated live, and one step's latency histogram.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import type { LoadStep } from "../../../app/contract";

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  Legend,
  Tooltip,
);

export interface LivePoint {
  concurrency: number;
  requestsPerSecond: number;
}

/** Steps done, plus the running step's live rate as a last point (no latency yet). */
export function SweepChart({ steps, live }: { steps: LoadStep[]; live?: LivePoint }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"line"> | null>(null);
  useEffect(() => {
    chart.current = new Chart(canvas.current!, {
      type: "line",
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { title: { display: true, text: "connections" } },
          rps: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: "requests/s" } },
          ms: {
            type: "linear",
            position: "right",
            beginAtZero: true,
            title: { display: true, text: "latency (ms)" },
            grid: { drawOnChartArea: false },
          },
        },
      },
    });
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const points = [
      ...steps.map((s) => ({ concurrency: s.concurrency, rps: s.requestsPerSecond, s })),
      ...(live ? [{ concurrency: live.concurrency, rps: live.requestsPerSecond, s: undefined }] : []),
    ];
    c.data.labels = points.map((p) => String(p.concurrency));
    const line = (label: string, color: string, axis: "rps" | "ms", values: (number | null)[], dash?: number[]) => ({
      label,
      data: values,
      borderColor: color,
      backgroundColor: color,
      yAxisID: axis,
      borderDash: dash,
      spanGaps: false,
      tension: 0.2,
    });
    c.data.datasets = [
      line(
        "requests/s",
        "#2563eb",
        "rps",
        points.map((p) => p.rps),
      ),
      line(
        "p50 ms",
        "#16a34a",
        "ms",
        points.map((p) => p.s?.latency.p50 ?? null),
        [4, 3],
      ),
      line(
        "p90 ms",
        "#d97706",
        "ms",
        points.map((p) => p.s?.latency.p90 ?? null),
        [4, 3],
      ),
      line(
        "p99 ms",
        "#dc2626",
        "ms",
        points.map((p) => p.s?.latency.p99 ?? null),
        [4, 3],
      ),
    ];
    c.update();
  }, [steps, live]);
  return (
    <div className="load-chart" data-testid="load-chart" data-points={steps.length + (live ? 1 : 0)}>
      <canvas
        ref={canvas}
        role="img"
        aria-label="Requests per second and latency percentiles by number of connections (the table below has the figures)"
      />
    </div>
  );
}

export function HistogramChart({ step }: { step: LoadStep }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);
  useEffect(() => {
    chart.current = new Chart(canvas.current!, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: "latency up to (ms)" } },
          y: { beginAtZero: true, title: { display: true, text: "requests" } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = step.histogram.map((h) => (h.upToMs < 10 ? h.upToMs.toFixed(2) : h.upToMs.toFixed(0)));
    c.data.datasets = [{ label: "requests", data: step.histogram.map((h) => h.count), backgroundColor: "#2563eb" }];
    c.update();
  }, [step]);
  return (
    <div className="load-chart load-histogram" data-testid="load-histogram">
      <canvas ref={canvas} role="img" aria-label={`Latency histogram at ${step.concurrency} connections`} />
    </div>
  );
}
