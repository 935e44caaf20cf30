// Small statistics for paired A/B rounds on a noisy machine: the median of per-round ratios and a
// percentile bootstrap 95% interval of that median (rounds resampled with replacement). Hand-written: a
// dozen lines, and the bench should not pull a statistics package for them. The generator is seeded, so
// the same figures give the same interval.
import { median } from "./interleave";

/** mulberry32: a small seeded PRNG (public domain), enough for resampling. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Estimate {
  median: number;
  low: number;
  high: number;
  n: number;
}

/** The median of `xs` and its bootstrap 95% interval (`resamples` draws, seeded). */
export function bootstrapMedian(xs: number[], resamples = 10_000, seed = 22): Estimate {
  if (xs.length === 0) throw new Error("no rounds to summarise");
  const next = random(seed);
  const medians = new Float64Array(resamples);
  const draw = new Array<number>(xs.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < xs.length; i++) draw[i] = xs[Math.floor(next() * xs.length)]!;
    medians[r] = median(draw);
  }
  medians.sort();
  const at = (q: number) => medians[Math.min(resamples - 1, Math.floor(q * resamples))]!;
  return { median: median(xs), low: at(0.025), high: at(0.975), n: xs.length };
}

/**
 * Where a cost (a fraction: 0.01 = 1%) with its interval stands against a budget: within it when the whole
 * interval is under, over it when the whole interval is above, undecided when the interval straddles it.
 */
export function verdict(cost: Estimate, budget: number): "within" | "over" | "undecided" {
  if (cost.high < budget) return "within";
  if (cost.low > budget) return "over";
  return "undecided";
}

export const percent = (x: number, digits = 1) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(digits)}%`;
export const interval = (e: Estimate, show: (x: number) => string) =>
  `${show(e.median)} (95% CI ${show(e.low)} to ${show(e.high)}, ${e.n} rounds)`;
