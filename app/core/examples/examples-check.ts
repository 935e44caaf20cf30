// The examples replayed before an export, so a person knows the exported repo's `make test` would fail.
import type { ExamplesCheck } from "../../contract";
import { listExamples } from "./example-file";
import { runExamples } from "./run-examples";

/** Undefined when the project has no examples; `notChecked` when nothing runs to replay them against. */
export async function checkExamples(
  projectDir: string,
  port: number | undefined,
  signal?: AbortSignal,
): Promise<ExamplesCheck | undefined> {
  const { examples } = await listExamples(projectDir);
  if (!examples.length) return undefined;
  if (!port)
    return {
      total: examples.length,
      failing: [],
      notChecked:
        "The project is not running, so its examples were not replayed. Run it (Run tab or `stagemaker run`) and preview again to know whether the exported `make test` passes.",
    };
  const report = await runExamples(port, examples, signal);
  return { total: examples.length, failing: report.outcomes.filter((o) => !o.passed).map((o) => o.name) };
}
