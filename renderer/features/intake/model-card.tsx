// What was found in a model file: kind, version, features, classes or objective, and notes.
import type { IntakePlan } from "../../../app/contract";

export function ModelCard({ plan }: { plan: IntakePlan }) {
  const { detection: d, introspection: i } = plan;
  return (
    <section className="card intake-card" data-testid="intake-card" aria-label="Detected model">
      <h3>
        {d.file}: {i.kind} {i.frameworkVersion}
      </h3>
      <dl className="intake-facts">
        <dt>Format</dt>
        <dd>{d.format}{d.frameworkVersion && d.frameworkVersion !== i.frameworkVersion ? ` (file says ${d.frameworkVersion})` : ""}</dd>
        {i.estimator && (<><dt>Estimator</dt><dd>{i.estimator}</dd></>)}
        <dt>Task</dt>
        <dd data-testid="intake-task">{i.task}{i.objective ? ` (objective ${i.objective})` : ""}</dd>
        {i.classes && (<><dt>Classes</dt><dd data-testid="intake-classes">{i.classes.map(String).join(", ")}</dd></>)}
        <dt>Features ({i.features.length})</dt>
        <dd data-testid="intake-features">
          {i.features.slice(0, 30).map((f) => (
            <span key={f.name} className="intake-feature">
              <code>{f.name}</code> {f.dtype}
              {f.categories ? ` {${f.categories.slice(0, 6).join(", ")}${f.categories.length > 6 ? ", …" : ""}}` : ""}
            </span>
          ))}
          {i.features.length > 30 && <span className="muted"> and {i.features.length - 30} more</span>}
        </dd>
        <dt>Requirements</dt>
        <dd className="mono">{plan.requirements.join(" ")}</dd>
      </dl>
      {plan.notes.length > 0 && (
        <ul className="intake-notes">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
