// Interleaved repetitions for a fair A/B on a shared machine: each round runs the sides in one order and then
// in reverse (A B B A, or A B C C B A), so a machine getting busier or quieter through a round favours no side.
// Every repetition is printed as it lands; the summary gives each side's median and spread and, per round,
// the ratio of one side to another (whose median is the figure to quote).
import { loadavg } from "node:os";

export interface Repetition {
  rate: number;
  /** Extra columns printed beside the rate (CPU per request, batch size…). */
  notes?: Record<string, string>;
}

export interface Side {
  name: string;
  run: () => Promise<Repetition> | Repetition;
}

export type Results = Record<string, Repetition[]>;

const say = (line: string) => process.stdout.write(line + "\n");
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs `rounds` rounds of the sides forth and back, printing a table row per repetition. */
export async function interleave(rounds: number, sides: Side[]): Promise<Results> {
  const results: Results = Object.fromEntries(sides.map((s) => [s.name, []]));
  say("| round | # | side | req/s | load avg (1 min) | notes |");
  say("|---|---|---|---|---|---|");
  let n = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const side of [...sides, ...[...sides].reverse()]) {
      const load = loadavg()[0]!.toFixed(1);
      const rep = await side.run();
      results[side.name]!.push(rep);
      const notes = Object.entries(rep.notes ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      say(`| ${round} | ${++n} | ${side.name} | ${rep.rate.toFixed(1)} | ${load} | ${notes} |`);
    }
  }
  return results;
}

/** One round's ratio a/b: the sum of a's two repetitions over b's (both ran forth and back in that round). */
export function roundRatios(results: Results, a: string, b: string): number[] {
  const as = results[a]!;
  const bs = results[b]!;
  const ratios: number[] = [];
  for (let i = 0; i + 1 < as.length; i += 2) ratios.push((as[i]!.rate + as[i + 1]!.rate) / (bs[i]!.rate + bs[i + 1]!.rate));
  return ratios;
}

/** Median, min–max, per side; then the ratio a/b per round, its median and spread. */
export function summarize(results: Results, pairs: [string, string][]): Record<string, number> {
  say("");
  say("| side | median req/s | min | max | repetitions |");
  say("|---|---|---|---|---|");
  for (const [name, reps] of Object.entries(results)) {
    const rates = reps.map((r) => r.rate);
    say(
      `| ${name} | ${median(rates).toFixed(1)} | ${Math.min(...rates).toFixed(1)} | ${Math.max(...rates).toFixed(1)} | ${rates.length} |`,
    );
  }
  const out: Record<string, number> = {};
  for (const [a, b] of pairs) {
    const ratios = roundRatios(results, a, b);
    const m = median(ratios);
    out[`${a} / ${b}`] = m;
    say(
      `\n${a} / ${b}: per round ${ratios.map((r) => r.toFixed(3)).join(", ")}; median ${m.toFixed(3)} ` +
        `(${((m - 1) * 100).toFixed(1)}%), spread ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}; ` +
        `ratio of the medians ${(median(results[a]!.map((r) => r.rate)) / median(results[b]!.map((r) => r.rate))).toFixed(3)}`,
    );
  }
  return out;
}
