import { base64Bytes, type HistoryEntry } from "../../../app/contract";
import { ApiError } from "../../api/client";
import { errorText } from "../../api/error-text";
import { formatDuration } from "../../shared/format";
import { useState } from "react";
import { useSaveExample } from "../../shared/queries/use-examples";
import { useInvocationHistory } from "./use-invoke";

interface Props {
  project: string;
  selected?: string;
  onShow(entry: HistoryEntry): void;
  onResend(entry: HistoryEntry): void;
}

/** This project's past requests (kept by the core in .stagemaker/), newest first. */
export function InvocationHistory({ project, selected, onShow, onResend }: Props) {
  const history = useInvocationHistory(project);
  const [saving, setSaving] = useState<{ id: string; name: string }>();
  const [saved, setSaved] = useState<{ id: string; file: string }>();
  const save = useSaveExample(project);
  // A name already taken: the error says so, and "Overwrite it" does what its advice offers.
  const taken = save.error instanceof ApiError && save.error.code === "conflict";
  const entries = [...(history.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="history">
      <div className="pane-title">
        <span>History</span>
        <span className="muted">{entries.length ? `${entries.length}` : ""}</span>
      </div>
      {history.isError && <p className="field-error">{errorText(history.error)}</p>}
      <ul className="history-list" data-testid="invocation-history">
        {entries.length === 0 && <li className="muted pad">No requests yet.</li>}
        {entries.map((h) => {
          const s = h.result.status;
          return (
            <li key={h.id} className={h.id === selected ? "selected" : ""}>
              <button type="button" className="history-item" onClick={() => onShow(h)} title="Show this request and its answer">
                <span className={`status-dot tone-${s === undefined ? "bad" : s < 300 ? "ok" : s < 500 ? "warn" : "bad"}`}>{s ?? "—"}</span>
                <span className="history-main">
                  <span className="mono">{h.request.path}</span>
                  <span className="muted">
                    {h.request.bodyEncoding === "base64"
                      ? `${h.request.contentType} body, ${base64Bytes(h.request.body)} bytes`
                      : h.request.body.replace(/\s+/g, " ").slice(0, 80)}
                  </span>
                </span>
                <span className="history-meta muted">
                  {new Date(h.at).toLocaleTimeString()} · {formatDuration(h.result.timings.totalMs)}
                </span>
              </button>
              <div className="history-actions">
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => onResend(h)}
                  aria-label={`Re-send request from ${new Date(h.at).toLocaleTimeString()}`}
                >
                  Re-send
                </button>
                {/* Examples keep bodies as text; an NPY request or answer cannot be one yet. */}
                {s !== undefined && h.request.bodyEncoding !== "base64" && h.result.bodyEncoding !== "base64" && (
                  <button
                    type="button"
                    className="ghost small"
                    onClick={() => (save.reset(), setSaved(undefined), setSaving({ id: h.id, name: "" }))}
                    aria-label={`Save as example: the request from ${new Date(h.at).toLocaleTimeString()}`}
                  >
                    Save as example
                  </button>
                )}
              </div>
              {saving?.id === h.id && (
                <form
                  className="save-example"
                  onSubmit={(e) => {
                    e.preventDefault();
                    save.mutate(
                      { name: saving.name.trim(), historyId: h.id },
                      { onSuccess: (example) => (setSaving(undefined), setSaved({ id: h.id, file: example.file })) },
                    );
                  }}
                >
                  <input
                    autoFocus
                    aria-label="Example name"
                    placeholder="example name"
                    value={saving.name}
                    onChange={(e) => setSaving({ id: h.id, name: e.target.value })}
                  />
                  <span className="row">
                    <button type="submit" className="small primary" disabled={!saving.name.trim() || save.isPending}>
                      Save
                    </button>
                    <button type="button" className="ghost small" onClick={() => setSaving(undefined)}>
                      Cancel
                    </button>
                  </span>
                  {save.isError && <span className="field-error">{errorText(save.error)}</span>}
                  {taken && (
                    <button
                      type="button"
                      className="small"
                      onClick={() =>
                        save.mutate(
                          { name: saving.name.trim(), historyId: h.id, overwrite: true },
                          { onSuccess: (example) => (setSaving(undefined), setSaved({ id: h.id, file: example.file })) },
                        )
                      }
                    >
                      Overwrite it
                    </button>
                  )}
                </form>
              )}
              {saved?.id === h.id && (
                <p className="saved-note" role="status" data-testid="example-saved">
                  Saved as examples/{saved.file}: the Examples tab runs it.
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
