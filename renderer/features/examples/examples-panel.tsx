// The Examples tab: saved requests with expected answers, run one or all against the running container, pass/fail and diffs.
import { useState } from "react";
import { errorText } from "../../api/error-text";
import { useContainerState } from "../../shared/queries/use-run";
import { ExampleDiff } from "./example-diff";
import { useAutoRunSetting } from "./use-auto-run";
import { useAcceptAnswer, useExamples, useLastRun, useRemoveExample, useRunExamples } from "../../shared/queries/use-examples";

export function ExamplesPanel({ project }: { project: string }) {
  const examples = useExamples(project);
  const last = useLastRun(project).data;
  const run = useRunExamples(project);
  const remove = useRemoveExample(project);
  const accept = useAcceptAnswer(project);
  const [autoRun, setAutoRun] = useAutoRunSetting(project);
  const [open, setOpen] = useState<string>();
  const state = useContainerState(project).data;
  const notRunning = state?.state !== "healthy" ? "Run the project first (Run tab)." : undefined;
  const list = examples.data ?? [];

  return (
    <div className="panel examples-panel stack">
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={!!notRunning || run.isPending || !list.length}
          title={notRunning}
          onClick={() => run.mutate(undefined)}
        >
          {run.isPending ? "Running…" : "Run all"}
        </button>
        {last && (
          <span className={last.failed ? "status-pill tone-bad" : "status-pill tone-ok"} data-testid="examples-summary">
            {last.passed} passed, {last.failed} failed
          </span>
        )}
        {notRunning && <span className="muted">{notRunning}</span>}
        <span className="spacer" />
        <label className="row">
          <input type="checkbox" checked={autoRun} onChange={(e) => setAutoRun(e.target.checked)} />
          <span>Run after each build+run and dev reload</span>
        </label>
      </div>
      {run.isError && <p className="field-error">{errorText(run.error)}</p>}
      {accept.isError && <p className="field-error">{errorText(accept.error)}</p>}
      {examples.isError && <p className="field-error">{errorText(examples.error)}</p>}
      {!list.length && !examples.isLoading && (
        <p className="muted">
          No examples yet. In the Invoke tab, pick a history entry and “Save as example”: its answer becomes the expected one. They live in
          examples/ and go into git.
        </p>
      )}
      <ul className="examples-list" data-testid="examples-list">
        {list.map((e) => {
          const outcome = last?.outcomes.find((o) => o.name === e.name);
          const tone = !outcome ? "" : outcome.passed ? "ok" : "bad";
          return (
            <li key={e.file} className={`example-item ${tone}`} data-testid={`example-${e.name}`}>
              <div className="row wrap">
                <span className={`status-dot tone-${tone || "idle"}`}>{!outcome ? "·" : outcome.passed ? "✓" : "✕"}</span>
                <button
                  type="button"
                  className="link"
                  onClick={() => setOpen(open === e.name ? undefined : e.name)}
                  aria-expanded={open === e.name}
                >
                  {e.name}
                </button>
                <span className="muted mono">
                  examples/{e.file} · POST {e.request.path} {e.request.contentType} → {e.expected.status}
                </span>
                {outcome && (
                  <span className={`muted outcome-${tone}`}>
                    {outcome.passed ? `passed in ${outcome.ms} ms` : `failed: ${outcome.differences.length} differences`}
                  </span>
                )}
                <span className="spacer" />
                <button type="button" className="small" disabled={!!notRunning || run.isPending} onClick={() => run.mutate([e.name])}>
                  Run
                </button>
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => window.confirm(`Delete examples/${e.file}?`) && remove.mutate(e.name)}
                >
                  Delete
                </button>
              </div>
              {outcome && !outcome.passed && (
                <ExampleDiff
                  outcome={outcome}
                  accepting={accept.isPending && accept.variables.name === e.name}
                  // Accepted, then replayed: the tick comes from the model's answer, not from the write.
                  onAccept={() =>
                    accept.mutate(
                      {
                        name: e.name,
                        answer: { status: outcome.got.status!, contentType: outcome.got.contentType, body: outcome.got.body },
                      },
                      { onSuccess: () => !notRunning && run.mutate([e.name]) },
                    )
                  }
                />
              )}
              {open === e.name && (
                <div className="diff-bodies">
                  <pre className="mono response-body" tabIndex={0} aria-label={`${e.name}: request`}>
                    {e.request.body}
                  </pre>
                  <pre className="mono response-body" tabIndex={0} aria-label={`${e.name}: expected answer`}>
                    {e.expected.body}
                  </pre>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
