import { useEffect, useMemo, useRef } from "react";
import { useEngineStatus } from "../../shared/queries/use-engine-status";
import { formatBytes, formatDuration } from "../../shared/format";
import { LogView, type LogLineView } from "../../shared/log-view";
import { CaBundleOffer } from "../../shared/ca-bundle-offer";
import { NewImageOffer } from "../../shared/new-image-offer";
import { useBuild } from "../../shared/queries/use-build";
import { ModelRefusalBanner } from "../../shared/model-refusal-banner";
import { useModelRefusal } from "../../shared/queries/use-model-refusal";

/** One-click image build: steps with cache hits, a live log, the failing step in red, the result. */
export function BuildPanel({ project, imageTag }: { project: string; imageTag: string }) {
  const { view, build, cancel } = useBuild(project);
  const engine = useEngineStatus();
  const engineDown = engine.data?.state === "unreachable";
  const refused = Boolean(useModelRefusal(project).data);
  const building = view.phase === "building";
  const failedStep = view.phase === "failed" ? view.failure?.step : undefined;
  const total = view.steps[0]?.total ?? 0;
  const doneSteps = view.steps.filter((s) => s.done).length;
  const current = view.steps.find((s) => s.index === view.current);

  // Keep the step that matters in sight: the running one, or the one that failed.
  const stepList = useRef<HTMLOListElement>(null);
  const currentIndex = view.current; // named apart: the hooks lint takes any `.current` for a ref
  useEffect(() => {
    stepList.current?.querySelector(".step.failed, .step.active")?.scrollIntoView?.({ block: "nearest" });
  }, [currentIndex, view.phase]);

  const lines: LogLineView[] = useMemo(
    () =>
      view.log.map((l) => ({
        text: l.text,
        tone: failedStep !== undefined && l.step === failedStep ? "error" : /^Step \d+\/\d+ :/.test(l.text) ? "highlight" : undefined,
      })),
    [view.log, failedStep],
  );

  return (
    <div className="panel build-panel">
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() => void build()}
          disabled={building || engineDown || refused}
          title={
            engineDown
              ? "The Docker engine is not reachable"
              : refused
                ? "The project's model is refused: see why below"
                : `Build ${imageTag}`
          }
        >
          Build
        </button>
        {building && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
        <span className="muted mono">{imageTag}</span>
        <span className="spacer" />
        {view.context && (
          <span className="muted">
            Context: {view.context.files} files, {formatBytes(view.context.bytes)}
          </span>
        )}
      </div>

      <ModelRefusalBanner project={project} />

      {building && (
        <div className="build-progress" data-testid="build-progress" role="status">
          <div className="row">
            <span>{current ? `Step ${current.index}/${current.total}: ${current.instruction}` : "Sending the build context…"}</span>
          </div>
          <progress max={Math.max(total, 1)} value={doneSteps} aria-label="Build progress" />
        </div>
      )}

      {view.phase === "done" && view.result && (
        <div className="build-result banner ok" data-testid="build-result" role="status">
          Built <strong className="mono">{view.result.tag}</strong> in {formatDuration(view.result.durationMs)} · image size{" "}
          {formatBytes(view.result.sizeBytes)} · {view.result.cachedSteps}/{view.result.steps} steps from cache
        </div>
      )}
      <NewImageOffer project={project} />
      {view.phase === "cancelled" && <div className="banner muted">Build cancelled.</div>}
      {view.phase === "failed" && view.failure && (
        <div className="build-error banner bad" data-testid="build-error" role="alert">
          <strong>Build failed{view.failure.step !== undefined ? ` at step ${view.failure.step}` : ""}:</strong> {view.failure.message}
          {view.failure.instruction && <div className="mono">{view.failure.instruction}</div>}
          {view.failure.hint && <p className="hint">{view.failure.hint}</p>}
          {view.failure.cause === "tls" && <CaBundleOffer onRetry={() => void build()} />}
          {view.failure.lastLines.length > 0 && (
            <pre className="tail" tabIndex={0}>
              {view.failure.lastLines.slice(-12).join("\n")}
            </pre>
          )}
        </div>
      )}

      {view.steps.length > 0 && (
        <ol className="steps" aria-label="Build steps" ref={stepList} tabIndex={0}>
          {view.steps.map((s) => (
            <li
              key={s.index}
              className={`step ${s.index === failedStep ? "failed" : s.done ? "done" : building && s.index === view.current ? "active" : ""}`}
            >
              <span className="step-index">
                {s.index}/{s.total}
              </span>
              <span className="step-text mono" title={s.instruction}>
                {s.instruction}
              </span>
              <span className="step-meta">
                {s.cached ? (
                  <span className="badge">cached</span>
                ) : s.durationMs !== undefined ? (
                  s.durationMs < 1 ? (
                    "<1 ms"
                  ) : (
                    formatDuration(s.durationMs)
                  )
                ) : s.index === failedStep ? (
                  "failed"
                ) : building && s.index === view.current ? (
                  "running…"
                ) : (
                  ""
                )}
              </span>
            </li>
          ))}
        </ol>
      )}

      <LogView lines={lines} label="Build log" testId="build-log" empty="The build log appears here." />
    </div>
  );
}
