// Drop a model file → what was found → the generated files → Accept → Build and Run.
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";
import type { BuildView } from "../../shared/build-view";
import { errorText } from "../../api/error-text";
import { droppedFiles, pickedFiles, type PickedFile } from "../../shared/dropped-files";
import { useArtifactList, useArtifactUpload } from "../../shared/queries/use-artifacts";
import { useBuild } from "../../shared/queries/use-build";
import { useContainerState, useRunActions } from "../../shared/queries/use-run";
import { GeneratedFiles } from "./generated-files";
import { HandlerCard } from "./handler-card";
import { ModelCard } from "./model-card";
import { onPendingModel, takePendingModel, useApplyPlan, useModelPlan } from "../../shared/queries/use-model";
import "./model.css";

/** The container's last lines when the model did not load (a run-failed detail). */
const lastLogs = (detail: unknown) =>
  detail && typeof detail === "object" && "lastLogs" in detail && Array.isArray(detail.lastLogs) && detail.lastLogs.length
    ? detail.lastLogs.join("\n")
    : null;

export function ModelPanel({ project }: { project: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const { view, start, cancel, reset } = useModelPlan(project);
  const apply = useApplyPlan(project);
  const upload = useArtifactUpload(project);
  const artifacts = useArtifactList(project);
  const build = useBuild(project);
  const { run } = useRunActions(project);
  const container = useContainerState(project).data;
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [over, setOver] = useState(false);
  const [chosen, setChosen] = useState("");
  const [version, setVersion] = useState(""); // the card's "framework version": empty = the file's own
  const [going, setGoing] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // A model dropped on the projects screen or elsewhere on the workspace: take it over here.
  const fromFilesRef = useRef<(files: PickedFile[]) => Promise<void>>(async () => undefined);
  useEffect(() => {
    const take = () => {
      const what = takePendingModel(project);
      if (what && "artifact" in what) void start(what.artifact);
      else if (what) void fromFilesRef.current(what.files);
    };
    take();
    return onPendingModel(take);
  }, [project, start]);

  const fromFiles = async (files: PickedFile[]) => {
    const first = files[0];
    if (!first) return;
    apply.reset();
    setConfirmed(new Set());
    await upload.start([first]);
    const list = await api.call("artifacts.list", { project });
    if (list.some((a) => a.path === first.relPath)) void start(first.relPath, version.trim() || undefined);
  };
  fromFilesRef.current = fromFiles;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void droppedFiles(e.dataTransfer).then(fromFiles);
  };
  const plan = view.plan;
  const writable = plan ? plan.files.filter((f) => f.status !== "changed" || confirmed.has(f.path)) : [];
  const buildAndRun = async () => {
    setGoing(true);
    try {
      await build.build();
      if (qc.getQueryData<BuildView>(keys.build(project))?.phase === "done") await run();
    } finally {
      setGoing(false);
    }
  };

  return (
    <div className="panel model-panel">
      <div
        className={`drop-zone ${over ? "over" : ""}`}
        data-testid="model-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="drop-title">Drop a model file here</p>
        <p className="muted">
          scikit-learn (joblib/pickle), XGBoost (.json, .ubj, binary), LightGBM (text), CatBoost (.cbm), ONNX, Keras 3 (.keras, .h5), a
          TensorFlow SavedModel, PyTorch (TorchScript, torch.export .pt2), or a SageMaker <code>model.tar.gz</code>. Stagemaker reads its
          bytes, loads it inside a container with the framework it was saved with (or the framework version you give), and writes the
          Instance, the Prediction, the predictor, its tests and pinned requirements for you to review. A <code>model.tar.gz</code> (or
          folder) with <code>code/inference.py</code> is SageMaker script mode: your handler script is served as written, with the framework
          container's defaults.
        </p>
        <div className="row center">
          <button type="button" onClick={() => input.current?.click()} disabled={view.phase === "planning"}>
            Choose a model file
          </button>
          {artifacts.data && artifacts.data.length > 0 && (
            <>
              <select aria-label="Artifact to generate from" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">or one already in artifacts/…</option>
                {artifacts.data.map((a) => (
                  <option key={a.path}>{a.path}</option>
                ))}
              </select>
              <button
                type="button"
                disabled={!chosen || view.phase === "planning"}
                onClick={() => void start(chosen, version.trim() || undefined)}
              >
                Generate
              </button>
            </>
          )}
          <input
            aria-label="Framework version"
            placeholder="framework version (optional)"
            title="Load the model with this version of its framework (e.g. 1.4.2 for scikit-learn, 1.21.1 for onnxruntime) instead of the one the file records"
            value={version}
            size={22}
            onChange={(e) => setVersion(e.target.value)}
          />
        </div>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Model file"
          data-testid="model-input"
          onChange={(e) => {
            if (e.target.files) void fromFiles(pickedFiles(e.target.files));
            e.target.value = "";
          }}
        />
      </div>

      {upload.state.phase === "uploading" && <p role="status">Copying {upload.state.file}…</p>}
      {view.phase === "planning" && (
        <div role="status" className="model-progress" data-testid="model-progress">
          <span className="spinner" aria-hidden="true" /> {view.stage}
          {view.step && <div className="muted mono">{view.step}</div>}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {(view.phase === "failed" || view.phase === "cancelled") && (
        <div role="alert" data-testid="model-error">
          <p className="field-error">{view.error}</p>
          {/* Focusable: a keyboard user must be able to scroll a long log (axe: scrollable-region-focusable). */}
          {lastLogs(view.detail) && (
            <pre className="model-preview" tabIndex={0} aria-label="Last lines of the log">
              {lastLogs(view.detail)}
            </pre>
          )}
          {view.artifact && (
            <button type="button" onClick={() => void start(view.artifact!, version.trim() || undefined)}>
              Generate again{version.trim() ? ` with ${version.trim()}` : ""}
            </button>
          )}
        </div>
      )}
      {view.handler && view.phase === "handler" && (
        <>
          <HandlerCard handler={view.handler} />
          <div className="row">
            <button type="button" className="primary" onClick={() => void buildAndRun()} disabled={going} data-testid="model-build-run">
              {going ? (build.view.phase === "building" ? "Building…" : "Starting…") : "Build and Run"}
            </button>
            {container?.state === "healthy" && (
              <span data-testid="model-running">Running on 127.0.0.1:{container.hostPort}: try it in the Invoke tab.</span>
            )}
          </div>
        </>
      )}
      {plan && view.phase === "ready" && (
        <>
          <ModelCard plan={plan} onChoose={(version) => void start(plan.detection.file, version)} />
          <h3>Generated files</h3>
          <GeneratedFiles
            files={plan.files}
            confirmed={confirmed}
            onConfirm={(p, yes) =>
              setConfirmed((s) => {
                const n = new Set(s);
                if (yes) n.add(p);
                else n.delete(p);
                return n;
              })
            }
          />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={apply.isPending || writable.length === 0 || apply.isSuccess}
              onClick={() => apply.mutate({ plan: { ...plan, files: writable }, overwrite: [...confirmed] })}
            >
              {apply.isSuccess ? "Written" : apply.isPending ? "Writing…" : "Accept"}
            </button>
            <button
              type="button"
              onClick={() => {
                reset();
                apply.reset();
                setConfirmed(new Set());
              }}
            >
              Discard
            </button>
            {apply.isSuccess && (
              <button type="button" className="primary" onClick={() => void buildAndRun()} disabled={going} data-testid="model-build-run">
                {going ? (build.view.phase === "building" ? "Building…" : "Starting…") : "Build and Run"}
              </button>
            )}
            {apply.isSuccess && container?.state === "healthy" && (
              <span data-testid="model-running">Running on 127.0.0.1:{container.hostPort}: try it in the Invoke tab.</span>
            )}
          </div>
          {apply.isSuccess && <p className="muted">Wrote {apply.data.written.join(", ") || "nothing (all unchanged)"}.</p>}
          {apply.isError && (
            <p className="field-error" role="alert">
              {errorText(apply.error)}
            </p>
          )}
          <details>
            <summary>Example request</summary>
            <pre className="model-preview" tabIndex={0} aria-label="Example request as JSON" data-testid="model-example">
              {plan.example.json}
            </pre>
            <pre className="model-preview" tabIndex={0} aria-label="Example request as CSV">
              {plan.example.csv}
            </pre>
          </details>
        </>
      )}
    </div>
  );
}
