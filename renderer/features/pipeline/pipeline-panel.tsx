// The Pipeline tab: open or create a pipeline folder, see it as a chain, run it, invoke it hop by hop,
// and batch-transform through it.
import { type ReactNode, useState } from "react";
import type { Pipeline, PipelineInvocation } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { formatBytes, formatDuration } from "../../shared/format";
import { useCreatePipeline, usePipeline, usePipelineActions } from "./use-pipeline";
import "./pipeline.css";

const REMEMBERED = "stagemaker.pipeline-dir";

/**
 * `transformPanel` is the Transform tab's panel for a folder, handed in by the workspace: a feature
 * imports no other feature (see .dependency-cruiser.cjs).
 */
export function PipelinePanel({ project, transformPanel }: { project: string; transformPanel: (dir: string) => ReactNode }) {
  const [dir, setDir] = useState<string | null>(() => localStorage.getItem(REMEMBERED));
  const [draft, setDraft] = useState(dir ?? "");
  const [steps, setSteps] = useState(project);
  const pipeline = usePipeline(dir);
  const create = useCreatePipeline();
  const open = (d: string) => {
    localStorage.setItem(REMEMBERED, d);
    setDir(d);
  };
  return (
    <div className="panel pipeline-panel">
      <p className="small-print muted">
        A serial inference pipeline: 2 to 15 projects in order; each answer (status 200, body, Content-Type) is the next project's request,
        as in SageMaker.
      </p>
      <div className="toolbar">
        <label className="field pipeline-dir">
          <span>Pipeline folder</span>
          <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="/work/pipelines/iris" spellCheck={false} />
        </label>
        <button type="button" onClick={() => open(draft)} disabled={!draft}>
          Open pipeline
        </button>
      </div>
      <details className="pipeline-create">
        <summary>Create a pipeline in that folder</summary>
        <label className="field">
          <span>Project folders, first step first (one per line)</span>
          <textarea rows={3} value={steps} onChange={(e) => setSteps(e.target.value)} spellCheck={false} />
        </label>
        <button
          type="button"
          disabled={!draft || create.isPending}
          onClick={() =>
            create.mutate(
              {
                dir: draft,
                projects: steps
                  .split("\n")
                  .map((s) => s.trim())
                  .filter(Boolean),
              },
              { onSuccess: (p) => open(p.dir) },
            )
          }
        >
          Create pipeline
        </button>
        {create.error && <p className="field-error">{errorText(create.error)}</p>}
      </details>
      {pipeline.error && (
        <p className="field-error" role="alert">
          {errorText(pipeline.error)}
        </p>
      )}
      {pipeline.data && <PipelineView pipeline={pipeline.data} transformPanel={transformPanel} />}
    </div>
  );
}

function PipelineView({ pipeline, transformPanel }: { pipeline: Pipeline; transformPanel: (dir: string) => ReactNode }) {
  const { log, run, stop, invoke } = usePipelineActions(pipeline.dir);
  const [body, setBody] = useState("");
  const [contentType, setContentType] = useState("text/csv");
  const [accept, setAccept] = useState("application/json");
  const up = pipeline.steps.every((s) => s.state === "healthy");
  return (
    <>
      <ol className="pipeline-chain" data-testid="pipeline-chain" aria-label={`Pipeline ${pipeline.manifest.name}`}>
        {pipeline.steps.map((s) => (
          <li key={s.index} className={`pipeline-step step-${s.state}`} data-testid="pipeline-step">
            <strong>
              {s.index + 1}. {s.name}
            </strong>
            <span className="muted">{s.imageTag}</span>
            <span>
              SAGEMAKER_BIND_TO_PORT={s.bindToPort} · {s.state}
              {s.hostPort ? ` on 127.0.0.1:${s.hostPort}` : ""}
            </span>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void run()} disabled={log.busy || up}>
          Run pipeline
        </button>
        <button type="button" onClick={() => stop.mutate()} disabled={log.busy || stop.isPending}>
          Stop pipeline
        </button>
        {log.busy && (
          <span className="muted" role="status">
            {log.lines.at(-1) ?? "starting…"}
          </span>
        )}
        {log.error && <span className="field-error">{log.error}</span>}
      </div>
      <form
        className="pipeline-invoke"
        onSubmit={(e) => {
          e.preventDefault();
          invoke.mutate({ body, contentType, accept: accept || undefined });
        }}
      >
        <label className="field">
          <span>Request body (to step 1)</span>
          <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} data-testid="pipeline-body" />
        </label>
        <div className="toolbar">
          <label className="row">
            Content-Type <input value={contentType} onChange={(e) => setContentType(e.target.value)} />
          </label>
          <label className="row">
            Accept <input value={accept} onChange={(e) => setAccept(e.target.value)} />
          </label>
          <button type="submit" disabled={!up || invoke.isPending}>
            Send through the pipeline
          </button>
        </div>
      </form>
      {invoke.error && <p className="field-error">{errorText(invoke.error)}</p>}
      {invoke.data && <Hops result={invoke.data} />}
      <details className="pipeline-transform">
        <summary>Batch transform through this pipeline</summary>
        {transformPanel(pipeline.dir)}
      </details>
    </>
  );
}

function Hops({ result }: { result: PipelineInvocation }) {
  return (
    <div className="pipeline-hops" data-testid="pipeline-hops">
      <p className={result.ok ? "pipeline-ok" : "field-error"} role="status">
        {result.ok
          ? `HTTP ${result.status} after ${result.hops.length} hops in ${formatDuration(result.totalMs)}`
          : `Failed: ${result.failure}`}
      </p>
      <ol>
        {result.hops.map((h) => (
          <li key={h.step} className={h.response.status === 200 ? "" : "hop-failed"}>
            <strong>
              {h.step + 1}. {h.name}
            </strong>{" "}
            <span className="muted">{formatDuration(h.ms)}</span>
            <div className="hop-grid">
              <div>
                <span className="muted">
                  request · {h.request.contentType} · {formatBytes(h.request.bytes)}
                </span>
                <pre className="tail" tabIndex={0} aria-label="Request body">
                  {h.request.body}
                </pre>
              </div>
              <div>
                <span className="muted">
                  response · {h.response.status ? `HTTP ${h.response.status}` : "no answer"} · {h.response.contentType} ·{" "}
                  {formatBytes(h.response.bytes)}
                </span>
                <pre className="tail" tabIndex={0} aria-label={h.error ? "Error" : "Response body"}>
                  {h.error ?? h.response.body}
                </pre>
              </div>
            </div>
          </li>
        ))}
      </ol>
      {result.ok && (
        <>
          <span className="muted">final answer · {result.contentType}</span>
          <pre className="tail" data-testid="pipeline-answer">
            {result.body}
          </pre>
        </>
      )}
    </div>
  );
}
