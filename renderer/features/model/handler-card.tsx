// A SageMaker script-mode artifact: its code/inference.py is served as written (no predictor generated).
import type { HandlerProject } from "../../../app/contract";

const CONTAINER: Record<HandlerProject["defaults"], string> = {
  sklearn: "the SageMaker scikit-learn container",
  xgboost: "the SageMaker XGBoost container",
  toolkit: "the SageMaker Inference Toolkit (PyTorch, Hugging Face, MXNet containers)",
};

export function HandlerCard({ handler: h }: { handler: HandlerProject }) {
  return (
    <section className="card model-card" data-testid="handler-card" aria-label="Handler script">
      <h3>artifacts/{h.script}: your handler script, served as written</h3>
      <dl className="model-facts">
        <dt>Functions</dt>
        <dd data-testid="handler-functions">{h.functions.join(", ") || "none found"}</dd>
        <dt>Answers like</dt>
        <dd>
          {CONTAINER[h.defaults]}: its defaults stand in for the functions you left out (STAGEMAKER_HANDLER_DEFAULTS={h.defaults}).
        </dd>
        {h.model && (
          <>
            <dt>Model file</dt>
            <dd>
              {h.model.file}: {h.model.kind} {h.model.frameworkVersion ?? ""}
            </dd>
          </>
        )}
        <dt>Requirements</dt>
        <dd className="mono">{h.requirements.join(" ")}</dd>
        <dt>Environment</dt>
        <dd className="mono">{h.env.map((e) => `${e.name}=${e.value}`).join(" ")}</dd>
      </dl>
      <p className="muted">
        Edit it in the Code tab (artifacts/code/inference.py): in dev mode a save reloads the server. The Invoke tab sends raw bodies with
        the content type your input_fn reads; there is no Instance or Prediction schema.
      </p>
      {h.notes.length > 0 && (
        <ul className="model-notes">
          {h.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
