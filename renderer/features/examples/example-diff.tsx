// Expected against got for a failed example: the differing paths first, then both bodies side by side.
import type { ExampleOutcome } from "../../../app/contract";
import { prettyBody } from "../invoke/response-body";

export function ExampleDiff({ outcome }: { outcome: ExampleOutcome }) {
  const expected = prettyBody(outcome.expected.body, outcome.expected.contentType).text;
  const got = prettyBody(outcome.got.body, outcome.got.contentType).text;
  return (
    <div className="example-diff stack" data-testid="example-diff">
      {outcome.error && <p className="field-error">{outcome.error}</p>}
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
          <pre className="mono response-body">{expected}</pre>
        </div>
        <div>
          <div className="pane-title">Got ({outcome.got.status ?? "no answer"})</div>
          <pre className="mono response-body">{got}</pre>
        </div>
      </div>
    </div>
  );
}
