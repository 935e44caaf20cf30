// Expected against got for a failed example: the differing paths first, then both bodies side by side,
// and the way out when the new answer is the right one: accept it as the expected.
import type { ExampleOutcome } from "../../../app/contract";
import { prettyBody } from "../../shared/response-body";

export function ExampleDiff({ outcome, onAccept, accepting }: { outcome: ExampleOutcome; onAccept?: () => void; accepting?: boolean }) {
  const expected = prettyBody(outcome.expected.body, outcome.expected.contentType).text;
  const got = prettyBody(outcome.got.body, outcome.got.contentType).text;
  return (
    <div className="example-diff stack" data-testid="example-diff">
      {outcome.error && <p className="field-error">{outcome.error}</p>}
      {onAccept && outcome.got.status !== undefined && (
        <div className="row wrap">
          <button type="button" className="small" onClick={onAccept} disabled={accepting}>
            {accepting ? "Accepting…" : "Accept this answer as the new expected"}
          </button>
          <span className="muted">when the change to the model was meant: examples/{outcome.file} then expects what it got.</span>
        </div>
      )}
      <table className="table differences">
        <thead>
          <tr>
            <th>Where</th>
            <th>Expected</th>
            <th>Got</th>
          </tr>
        </thead>
        <tbody>
          {outcome.differences.map((d, i) => (
            <tr key={i}>
              <td className="mono">{d.path || "(body)"}</td>
              <td className="mono diff-expected">{d.expected}</td>
              <td className="mono diff-got">{d.got}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="diff-bodies">
        <div>
          <div className="pane-title">Expected ({outcome.expected.status})</div>
          <pre className="mono response-body diff-expected" tabIndex={0} aria-label={`${outcome.name}: expected answer`}>
            {expected}
          </pre>
        </div>
        <div>
          <div className="pane-title">Got ({outcome.got.status ?? "no answer"})</div>
          <pre className="mono response-body diff-got" tabIndex={0} aria-label={`${outcome.name}: answer got`}>
            {got}
          </pre>
        </div>
      </div>
    </div>
  );
}
