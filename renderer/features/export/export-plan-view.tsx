// What an export would commit: the artifacts decision, the changed files with sizes, any refusal.
import { examplesWarning, type ExportPlan } from "../../../app/contract";
import { formatBytes } from "../../shared/format";

const label = { added: "added", modified: "modified", deleted: "deleted" } as const;

export function ExportPlanView({ plan }: { plan: ExportPlan }) {
  const { target, artifacts } = plan;
  const warning = examplesWarning(plan.examples);
  return (
    <section className="export-plan" data-testid="export-plan" aria-label="What will be committed">
      {plan.refusal && (
        <p role="alert" className="export-refusal" data-testid="export-refusal">
          Export would be refused: {plan.refusal}
        </p>
      )}
      {warning && (
        <p className="field-warning" data-testid="export-examples-warning">
          Examples: {warning}
        </p>
      )}
      {plan.examples && !warning && (
        <p data-testid="export-examples">
          {plan.examples.total === 1 ? "The example passes" : `All ${plan.examples.total} examples pass`}: the exported{" "}
          <code>make test</code> replays them.
        </p>
      )}
      <p>
        Target <code>{target.dir}</code>{" "}
        {target.isRepository
          ? `— git repository on ${target.branch ?? "no branch"}${target.head ? ` at ${target.head.slice(0, 12)}` : " (no commits)"}`
          : target.exists
            ? "— an existing folder"
            : "— will be created"}
        {target.remoteUrl ? `, remote ${target.remoteUrl}` : ", no remote"}
      </p>
      <p data-testid="export-artifacts">
        Artifacts: {artifacts.files} file(s), {formatBytes(artifacts.bytes)} (threshold {formatBytes(artifacts.thresholdBytes)}) —{" "}
        {artifacts.reason}
      </p>
      {plan.changes.length === 0 ? (
        <p>Nothing to commit: the target already matches the project.</p>
      ) : (
        <table className="export-files">
          <caption>
            {plan.changes.length} of {plan.totalFiles} file(s) change
          </caption>
          <thead>
            <tr>
              <th scope="col">file</th>
              <th scope="col">change</th>
              <th scope="col">size</th>
            </tr>
          </thead>
          <tbody>
            {plan.changes.map((c) => (
              <tr key={c.path} className={`export-${c.change}`}>
                <td>
                  <code>{c.path}</code>
                </td>
                <td>{label[c.change]}</td>
                <td>{c.change === "deleted" ? "" : formatBytes(c.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
