// Load test runs kept in the project (.stagemaker/load/<id>.json), and the comparison of a run with
// the previous build's run, so a change that slows the model shows before deploy.
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type LoadComparison, LoadReport } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";

const DIR = join(PROJECT_STATE_DIR, "load");
const KEEP = 50;

export const runId = (date: Date) => date.toISOString().replace(/[:.]/g, "-");

export async function saveRun(projectDir: string, report: LoadReport): Promise<void> {
  await mkdir(join(projectDir, DIR), { recursive: true });
  await writeFileAtomic(join(projectDir, DIR, `${report.id}.json`), JSON.stringify(report, null, 1) + "\n");
}

/** Newest first; files that no longer match the contract (an older version wrote them) are left out. */
export async function listRuns(projectDir: string): Promise<LoadReport[]> {
  const names = await readdir(join(projectDir, DIR)).catch(() => [] as string[]);
  const runs: LoadReport[] = [];
  for (const name of names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, KEEP)) {
    try {
      const parsed = LoadReport.safeParse(JSON.parse(await readFile(join(projectDir, DIR, name), "utf8")));
      if (parsed.success) runs.push(parsed.data);
    } catch {
      // unreadable: skipped
    }
  }
  return runs;
}

/** The run to compare with: the newest completed one of another build, else the newest completed one. */
export function previousRun(runs: LoadReport[], imageId: string | null): LoadReport | null {
  const done = runs.filter((r) => r.status === "completed");
  return done.find((r) => r.target.imageId !== imageId) ?? done[0] ?? null;
}

const change = (now: number, then: number) => (then > 0 ? Math.round(((now - then) / then) * 1000) / 10 : 0);

export function compareRuns(now: Pick<LoadReport, "steps" | "target">, then: LoadReport): LoadComparison {
  // Only the concurrencies both runs measured, so a sweep that went further does not look faster.
  const common = new Set(now.steps.filter((s) => then.steps.some((o) => o.concurrency === s.concurrency)).map((s) => s.concurrency));
  const best = (r: Pick<LoadReport, "steps">) =>
    Math.max(0, ...r.steps.filter((s) => common.size === 0 || common.has(s.concurrency)).map((s) => s.requestsPerSecond));
  const throughputChangePercent = change(best(now), best(then));
  const steps = now.steps.flatMap((s) => {
    const old = then.steps.find((o) => o.concurrency === s.concurrency);
    return old
      ? [
          {
            concurrency: s.concurrency,
            rpsChangePercent: change(s.requestsPerSecond, old.requestsPerSecond),
            p99ChangePercent: change(s.latency.p99, old.latency.p99),
          },
        ]
      : [];
  });
  const top = steps.reduce<(typeof steps)[number] | null>((a, s) => (!a || s.concurrency > a.concurrency ? s : a), null);
  const sameBuild = now.target.imageId !== null && now.target.imageId === then.target.imageId;
  const whose = sameBuild ? "the previous run of this build" : "the previous build's run";
  const dir = (x: number, up: string, down: string) => (Math.abs(x) < 0.05 ? "the same" : `${Math.abs(x)}% ${x > 0 ? up : down}`);
  const text =
    `Against ${whose} (${then.id}): best throughput ${dir(throughputChangePercent, "higher", "lower")}` +
    (top
      ? `; p99 at ${top.concurrency} connections ${dir(top.p99ChangePercent, "higher (slower)", "lower (faster)")}.`
      : "; no concurrency in common to compare p99.");
  return {
    previousId: then.id,
    previousImageId: then.target.imageId,
    sameBuild,
    throughputChangePercent,
    p99ChangePercent: top?.p99ChangePercent ?? null,
    atConcurrency: top?.concurrency ?? null,
    steps,
    text,
  };
}
