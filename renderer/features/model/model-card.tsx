// What was found in a model file: kind, version, features, classes or objective, and notes.
import type { ModelPlan } from "../../../app/contract";

/** The framework builds the adapter offers (PyTorch: CPU from Debian or PyTorch's index, CUDA from PyPI), each with its image size. */
function FrameworkChoices({ plan, onChoose }: { plan: ModelPlan; onChoose?: (version: string) => void }) {
  if (!plan.choices?.length) return null;
  return (
    <fieldset className="model-choices" data-testid="model-choices">
      <legend>Framework build (changes the image; planned again when you pick one)</legend>
      {plan.choices.map((c) => (
        <label key={c.version}>
          <input
            type="radio"
            name="framework-build"
            value={c.version}
            checked={plan.chosen === c.version}
            disabled={!onChoose}
            onChange={() => onChoose?.(c.version)}
          />{" "}
          {c.label}: image {c.imageSize}
          {c.needs ? <span className="muted"> (needs {c.needs})</span> : null}
        </label>
      ))}
    </fieldset>
  );
}

/** The Debian packages the plan installs (system-packages.txt as generated; `#` starts a comment). */
function debianPackages(plan: ModelPlan): string[] {
  const file = plan.files.find((f) => f.path === "system-packages.txt");
  return (file?.content ?? "")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

export function ModelCard({ plan, onChoose }: { plan: ModelPlan; onChoose?: (version: string) => void }) {
  const { detection: d, introspection: i } = plan;
  return (
    <section className="card model-card" data-testid="model-card" aria-label="Detected model">
      <h3>
        {d.file}: {i.kind} {i.frameworkVersion}
      </h3>
      <dl className="model-facts">
        <dt>Format</dt>
        <dd>
          {d.format}
          {d.frameworkVersion && d.frameworkVersion !== i.frameworkVersion ? ` (file says ${d.frameworkVersion})` : ""}
        </dd>
        {i.estimator && (
          <>
            <dt>Estimator</dt>
            <dd>{i.estimator}</dd>
          </>
        )}
        <dt>Task</dt>
        <dd data-testid="model-task">
          {i.task}
          {i.objective ? ` (objective ${i.objective})` : ""}
        </dd>
        {i.classes && (
          <>
            <dt>Classes</dt>
            <dd data-testid="model-classes">{i.classes.map(String).join(", ")}</dd>
          </>
        )}
        <dt>Features ({i.features.length})</dt>
        <dd data-testid="model-features">
          {i.features.slice(0, 30).map((f) => (
            <span key={f.name} className="model-feature">
              <code>{f.name}</code> {f.dtype}
              {f.categories ? ` {${f.categories.slice(0, 6).join(", ")}${f.categories.length > 6 ? ", …" : ""}}` : ""}
            </span>
          ))}
          {i.features.length > 30 && <span className="muted"> and {i.features.length - 30} more</span>}
        </dd>
        <dt>Requirements</dt>
        <dd className="mono" data-testid="model-requirements">
          {[...plan.requirements, ...debianPackages(plan).map((p) => `${p} (Debian)`)].join(" ") || "none"}
        </dd>
      </dl>
      <FrameworkChoices plan={plan} onChoose={onChoose} />
      {plan.notes.length > 0 && (
        <ul className="model-notes">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
