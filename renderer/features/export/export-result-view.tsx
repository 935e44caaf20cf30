// Export progress (steps, last lines) and the result: the commit, pushed or not, how to open it.
import { examplesWarning } from "../../../app/contract";
import type { ExportRunView } from "./use-export";

export function ExportResultView({ view }: { view: ExportRunView }) {
  if (view.phase === "idle") return null;
  const r = view.result;
  return (
    <section className="export-run" aria-label="Export progress">
      <ol className="export-steps" data-testid="export-progress" aria-live="polite">
        {view.steps.map((s, i) => (
          <li key={i} className={i === view.steps.length - 1 && view.phase === "running" ? "current" : "done"}>
            {s.message}
          </li>
        ))}
      </ol>
      {view.lines.length > 0 && (
        <pre className="export-lines" tabIndex={0} aria-label="Last lines">
          {view.lines.slice(-8).join("\n")}
        </pre>
      )}
      {view.phase === "failed" && (
        <p role="alert" className="export-refusal" data-testid="export-error">
          {view.error}
        </p>
      )}
      {r && (
        <div className="export-result" data-testid="export-result">
          <p>
            {r.committed ? "Committed " : "Nothing changed; HEAD is "}
            <code data-testid="export-commit">{r.commit.slice(0, 12)}</code> on <strong>{r.branch}</strong> in <code>{r.target}</code>
            {r.committed ? ` (${r.changes.length} file(s))` : ""}.
          </p>
          {examplesWarning(r.examples) && (
            <p className="field-warning" data-testid="export-examples-warning">
              Examples: {examplesWarning(r.examples)}
            </p>
          )}
          <p data-testid="export-pushed">
            {r.pushed
              ? `Pushed to ${r.remoteUrl}.`
              : r.pushError
                ? `Not pushed: ${r.pushError}`
                : r.remoteUrl
                  ? `Not pushed (tick "Push" to push to ${r.remoteUrl}).`
                  : "Not pushed: no remote."}
          </p>
          <p>
            Open it: <code>{`cd ${r.target} && git log -1 --stat`}</code>
          </p>
        </div>
      )}
    </section>
  );
}
