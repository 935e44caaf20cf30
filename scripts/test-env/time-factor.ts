// How much slower than a quiet 2-core machine the tests may be: STAGEMAKER_TEST_TIME_FACTOR (default 1).
// Every time limit in the vitest and Playwright configs, and any bound a test sets itself, is multiplied by it.

export function timeFactor(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.STAGEMAKER_TEST_TIME_FACTOR ?? "1");
  return Number.isFinite(raw) && raw >= 1 ? raw : 1;
}

/** `ms` scaled by the factor: scaled(30_000) is 30 s on a quiet machine, 90 s with a factor of 3. */
export const scaled = (ms: number): number => Math.round(ms * timeFactor());
