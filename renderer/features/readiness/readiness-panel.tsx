// The Readiness tab: one click checks the built image against SageMaker's rules, with evidence per point.
import { useState } from "react";
import type { CheckPoint } from "../../../app/contract";
import { formatDuration } from "../../shared/format";
import { useReadiness } from "./use-readiness";
import "./readiness.css";

const mark = { pass: "✓", fail: "✗", skip: "–", info: "i" } as const;

export function ReadinessPanel({ project, imageTag }: { project: string; imageTag: string }) {
  const { view, run } = useReadiness(project);
  const [instanceType, setInstanceType] = useState("ml.m5.large");
  const [memory, setMemory] = useState("");
  const failed = view.points.filter((p) => p.status === "fail").length;
  return (
    <div className="panel checks-panel">
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() => void run({ instanceType: instanceType.trim() || "ml.m5.large", memoryMb: Number(memory) || undefined })}
          disabled={view.running}
        >
          Check SageMaker readiness
        </button>
        <label
          className="row"
          title="The instance the endpoint will run on: its architecture and memory are what the image is checked against"
        >
          Instance type
          <input
            className="checks-instance"
            value={instanceType}
            onChange={(e) => setInstanceType(e.target.value)}
            disabled={view.running}
            spellCheck={false}
          />
        </label>
        <label className="row">
          Memory limit (MB)
          <input
            className="checks-memory"
            type="number"
            min={64}
            value={memory}
            placeholder="the instance's"
            onChange={(e) => setMemory(e.target.value)}
            disabled={view.running}
          />
        </label>
        <span className="muted">of {imageTag}</span>
      </div>
      {view.running && (
        <p className="muted" role="status">
          Checking… {view.current ?? ""}
        </p>
      )}
      {view.error && (
        <p className="field-error" role="alert">
          {view.error}
        </p>
      )}
      {view.report && (
        <p className={`checks-summary ${view.report.ok ? "checks-ok" : "checks-bad"}`} data-testid="checks-summary" role="status">
          {view.report.ok ? "Ready for SageMaker: every point passed." : `Not ready: ${failed} point${failed === 1 ? "" : "s"} failed.`}
        </p>
      )}
      <ul className="checks-list" data-testid="checks-list">
        {view.points.map((p) => (
          <Point key={p.id} point={p} />
        ))}
      </ul>
    </div>
  );
}

function Point({ point }: { point: CheckPoint }) {
  return (
    <li className={`check check-${point.status}`} data-testid={`check-${point.id}`}>
      <details open={point.status === "fail"}>
        <summary>
          <span className="check-mark" aria-label={point.status}>
            {mark[point.status]}
          </span>
          {point.title}
          {point.status === "info" && point.evidence[0] && <span className="check-figure">{point.evidence[0].status}</span>}
        </summary>
        {point.hint && <p className="check-hint">{point.hint}</p>}
        <ul className="check-evidence">
          {point.evidence.map((e, i) => (
            <li key={i}>
              <code>$ {e.command}</code>
              <span>
                → {e.status}
                {e.ms !== undefined && <span className="muted"> ({formatDuration(e.ms)})</span>}
              </span>
              {e.detail && (
                <pre className="tail" tabIndex={0} aria-label="Details">
                  {e.detail}
                </pre>
              )}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
