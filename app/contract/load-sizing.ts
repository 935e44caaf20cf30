// The sizing hint, a pure function so the Load tab can redo it as the person types a target without a new run.
import type { LoadStep, SizingHint } from "./load";

const round = (n: number) => (n >= 100 ? Math.round(n) : Math.round(n * 10) / 10);

/** The knee: the step with the most requests/s whose p99 stayed within budget with no failed request. */
export function sizingHint(steps: LoadStep[], targetRps: number | undefined, p99BudgetMs: number, workers: number): SizingHint {
  const fits = steps.filter((s) => s.ok > 0 && s.errors + s.timeouts + s.non2xx === 0 && s.latency.p99 <= p99BudgetMs);
  const knee = fits.reduce<LoadStep | null>((best, s) => (!best || s.requestsPerSecond > best.requestsPerSecond ? s : best), null);
  const workersText = `${workers} worker${workers === 1 ? "" : "s"} (SAGEMAKER_MODEL_SERVER_WORKERS)`;
  const base = { targetRps: targetRps ?? 0, p99BudgetMs, workers };
  if (!knee) {
    return {
      ...base,
      kneeConcurrency: null,
      kneeRps: null,
      containers: null,
      text: `Estimate from this machine: no step kept p99 within ${p99BudgetMs} ms without errors, so no container count can be given. Raise the budget, try fewer connections, or make the model faster.`,
    };
  }
  const containers = targetRps ? Math.max(1, Math.ceil(targetRps / knee.requestsPerSecond)) : null;
  const held = `one container with ${workersText} held ${round(knee.requestsPerSecond)} requests/s at p99 ${round(knee.latency.p99)} ms (${knee.concurrency} connections)`;
  const text = containers
    ? `Estimate from this machine: ${held}, so ${targetRps} requests/s within ${p99BudgetMs} ms p99 needs about ${containers} container${containers === 1 ? "" : "s"} of this size. Instances differ from this machine: run the test on the instance type you deploy to before trusting it.`
    : `Estimate from this machine: ${held}. Give a target rate to get a container count.`;
  return { ...base, kneeConcurrency: knee.concurrency, kneeRps: knee.requestsPerSecond, containers, text };
}
