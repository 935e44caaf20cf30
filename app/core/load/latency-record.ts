// Latencies of one step at microsecond resolution (autocannon's own histogram counts whole
// milliseconds, too coarse for a model answering in 1–2 ms), in an HdrHistogram plus display buckets.
import * as hdr from "hdr-histogram-js";
import type { LoadStep } from "../../contract";

/** Bucket upper bounds in ms: 0.1 ms × √2^k up to ~10 minutes, so every bar is the same width on a log axis. */
const BOUNDS = Array.from({ length: 46 }, (_, k) => 0.1 * Math.SQRT2 ** k);

export class LatencyRecord {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
  private readonly buckets = new Array<number>(BOUNDS.length + 1).fill(0);

  record(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    let i = 0;
    while (i < BOUNDS.length && ms > BOUNDS[i]!) i++;
    this.buckets[i]! += 1;
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LoadStep["latency"] {
    const h = this.histogram;
    const ms = (us: number) => Math.round(us) / 1000;
    if (h.totalCount === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    return {
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p99: ms(h.getValueAtPercentile(99)),
      max: ms(h.maxValue),
    };
  }

  /** The buckets from the first to the last that holds a latency. */
  bars(): LoadStep["histogram"] {
    const first = this.buckets.findIndex((c) => c > 0);
    if (first < 0) return [];
    let last = this.buckets.length - 1;
    while (this.buckets[last] === 0) last--;
    const out: LoadStep["histogram"] = [];
    for (let i = first; i <= last; i++) out.push({ upToMs: Math.round((BOUNDS[i] ?? 600_000) * 1000) / 1000, count: this.buckets[i]! });
    return out;
  }

  destroy(): void {
    this.histogram.destroy();
  }
}
