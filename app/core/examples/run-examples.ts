// Replays saved examples against the running container and reports pass/fail with differences.
import type { Example, ExampleOutcome, ExamplesReport } from "../../contract";
import { sendInvocation } from "../invoke/send-invocation";
import { compareAnswer } from "./compare-answer";

const headerOf = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

export async function runExample(port: number, example: Example, signal?: AbortSignal): Promise<ExampleOutcome> {
  const started = performance.now();
  // No display cap here: a long expected answer must be compared whole.
  const result = await sendInvocation(port, { ...example.request, timeoutMs: 65_000 }, signal, Number.MAX_SAFE_INTEGER);
  const got = { status: result.status, contentType: headerOf(result.headers, "content-type"), body: result.body };
  const differences = result.failure
    ? [{ path: "status", expected: String(example.expected.status), got: `no answer (${result.failure.message})` }]
    : compareAnswer(example.expected, got, example.match);
  return {
    name: example.name,
    file: example.file,
    passed: differences.length === 0,
    status: result.status,
    differences,
    got,
    expected: example.expected,
    error: result.failure?.message,
    ms: Math.round(performance.now() - started),
  };
}

/** One at a time, in file order, so a slow model is not flooded and the report reads in order. */
export async function runExamples(port: number, examples: Example[], signal?: AbortSignal): Promise<ExamplesReport> {
  const outcomes: ExampleOutcome[] = [];
  for (const e of examples) {
    if (signal?.aborted) break;
    outcomes.push(await runExample(port, e, signal));
  }
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed, outcomes, at: new Date().toISOString() };
}
