import { useRef, useState, type DragEvent } from "react";
import { errorText } from "../../api/error-text";
import { formatBytes } from "../../shared/format";
import { droppedFiles, pickedFiles } from "../../shared/dropped-files";
import { useArtifactList, useArtifactUpload, useRemoveArtifact } from "../../shared/queries/use-artifacts";

/** Model files for /opt/ml/model: drop or pick files and folders, watch them stream in, remove. */
export function ArtifactsPanel({ project }: { project: string }) {
  const list = useArtifactList(project);
  const remove = useRemoveArtifact(project);
  const upload = useArtifactUpload(project);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = upload.state.phase === "uploading";

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    void droppedFiles(e.dataTransfer).then(upload.start);
  };
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = busy ? "none" : "copy";
    setOver(true);
  };
  const total = list.data?.reduce((n, a) => n + a.size, 0) ?? 0;
  const s = upload.state;
  const pct = s.bytesTotal > 0 ? Math.round((s.bytesDone / s.bytesTotal) * 100) : 0;

  return (
    <div className="panel artifacts-panel">
      <div
        className={`drop-zone ${over ? "over" : ""} ${busy ? "busy" : ""}`}
        data-testid="artifact-drop"
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="drop-title">Drop model files or folders here</p>
        <p className="muted">
          They are copied into the project's <code>artifacts/</code> folder and appear at <code>/opt/ml/model</code> in the container.
        </p>
        <div className="row center">
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
            Add files
          </button>
          <button type="button" onClick={() => folderInput.current?.click()} disabled={busy}>
            Add folder
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Artifact files"
          data-testid="artifact-input"
          onChange={(e) => {
            if (e.target.files) void upload.start(pickedFiles(e.target.files));
            e.target.value = "";
          }}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="Artifact folder"
          {...{ webkitdirectory: "" }}
          onChange={(e) => {
            if (e.target.files) void upload.start(pickedFiles(e.target.files));
            e.target.value = "";
          }}
        />
      </div>

      {s.phase !== "idle" && (
        <div className={`upload-status phase-${s.phase}`} data-testid="artifact-upload" role="status">
          {busy ? (
            <>
              <div className="row">
                <span>
                  Copying {s.files} file{s.files === 1 ? "" : "s"}
                  {s.file ? ` — ${s.file}` : ""}: {formatBytes(s.bytesDone)} of {formatBytes(s.bytesTotal)} ({pct}%)
                </span>
                <span className="spacer" />
                <button type="button" onClick={upload.cancel}>
                  Cancel
                </button>
              </div>
              <progress max={100} value={pct} aria-label="Copy progress" />
            </>
          ) : s.phase === "done" ? (
            <span>
              Added {s.files} file{s.files === 1 ? "" : "s"} ({formatBytes(s.bytesTotal)}).
            </span>
          ) : (
            <span className={s.phase === "failed" ? "field-error" : ""}>{s.message}</span>
          )}
        </div>
      )}

      <div className="pane-title">
        <span>artifacts/</span>
        <span className="muted">
          {list.data ? `${list.data.length} file${list.data.length === 1 ? "" : "s"} · ${formatBytes(total)}` : ""}
        </span>
      </div>
      {list.isError && <p className="field-error">{errorText(list.error)}</p>}
      {remove.isError && <p className="field-error">{errorText(remove.error)}</p>}
      <table className="table" data-testid="artifact-list">
        <tbody>
          {list.data?.length === 0 && (
            <tr>
              <td className="muted">No artifacts yet.</td>
            </tr>
          )}
          {list.data?.map((a) => (
            <tr key={a.path}>
              <td className="mono">{a.path}</td>
              <td className="num">{formatBytes(a.size)}</td>
              <td className="actions">
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => remove.mutate(a.path)}
                  aria-label={`Remove ${a.path}`}
                  disabled={remove.isPending}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
