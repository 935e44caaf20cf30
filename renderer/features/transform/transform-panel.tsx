// The Transform tab: a local batch transform with SageMaker's job settings, a progress bar and Cancel.
import { useState } from "react";
import { formatBytes, formatDuration } from "../../shared/format";
import { useTransform } from "./use-transform";
import "./transform.css";

type Choice<T extends string> = { label: string; value: T; options: readonly T[] };

/** Works on a project folder or a pipeline folder alike. */
export function TransformPanel({ target }: { target: string }) {
  const { view, start, cancel } = useTransform(target);
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const [contentType, setContentType] = useState("text/csv");
  const [accept, setAccept] = useState("text/csv");
  const [splitType, setSplitType] = useState<"None" | "Line">("Line");
  const [compressionType, setCompression] = useState<"None" | "Gzip">("None");
  const [batchStrategy, setStrategy] = useState<"" | "SingleRecord" | "MultiRecord">("");
  const [maxPayload, setMaxPayload] = useState("");
  const [concurrency, setConcurrency] = useState("");
  const [joinSource, setJoin] = useState<"None" | "Input">("None");
  const [inputFilter, setInputFilter] = useState("$");
  const [outputFilter, setOutputFilter] = useState("$");
  const [assembleWith, setAssemble] = useState<"None" | "Line">("Line");
  const busy = view.phase === "running";
  const p = view.progress;
  const pct = p && p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0;

  const select = <T extends string>(c: Choice<T>, set: (v: T) => void) => (
    <label className="field">
      <span>{c.label}</span>
      <select value={c.value} onChange={(e) => set(e.target.value as T)} disabled={busy}>
        {c.options.map((o) => (
          <option key={o} value={o}>
            {o || "container's default"}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (label: string, value: string, set: (v: string) => void, placeholder?: string, wide = false) => (
    <label className={`field ${wide ? "transform-wide" : ""}`}>
      <span>{label}</span>
      <input value={value} onChange={(e) => set(e.target.value)} placeholder={placeholder} disabled={busy} spellCheck={false} />
    </label>
  );

  return (
    <div className="panel transform-panel">
      <p className="small-print muted">
        A local batch transform with SageMaker's CreateTransformJob settings: one <code>&lt;input name&gt;.out</code> per input file,
        records in input order, written only when the whole file succeeded.
      </p>
      <form
        className="transform-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start({
            input,
            output,
            contentType,
            accept: accept || undefined,
            splitType,
            compressionType,
            batchStrategy: batchStrategy || undefined,
            maxPayloadInMB: maxPayload ? Number(maxPayload) : undefined,
            maxConcurrentTransforms: concurrency ? Number(concurrency) : undefined,
            joinSource,
            inputFilter,
            outputFilter,
            assembleWith,
          });
        }}
      >
        {text("Input (file or folder)", input, setInput, "/data/batch/input.csv", true)}
        {text("Output folder", output, setOutput, "/data/batch/out", true)}
        {text("ContentType", contentType, setContentType)}
        {text("Accept", accept, setAccept)}
        {select({ label: "SplitType", value: splitType, options: ["Line", "None"] as const }, setSplitType)}
        {select({ label: "CompressionType", value: compressionType, options: ["None", "Gzip"] as const }, setCompression)}
        {select({ label: "BatchStrategy", value: batchStrategy, options: ["", "MultiRecord", "SingleRecord"] as const }, setStrategy)}
        {text("MaxPayloadInMB", maxPayload, setMaxPayload, "container's default")}
        {text("MaxConcurrentTransforms", concurrency, setConcurrency, "container's default")}
        {select({ label: "JoinSource", value: joinSource, options: ["None", "Input"] as const }, setJoin)}
        {text("InputFilter", inputFilter, setInputFilter, "$[1:]")}
        {text("OutputFilter", outputFilter, setOutputFilter, "$[0,-1]")}
        {select({ label: "AssembleWith", value: assembleWith, options: ["Line", "None"] as const }, setAssemble)}
        <div className="toolbar transform-wide">
          <button type="submit" className="primary" disabled={busy || !input || !output}>
            Start transform
          </button>
          <button type="button" onClick={cancel} disabled={!busy}>
            Cancel
          </button>
        </div>
      </form>

      {(busy || p) && (
        <div className="transform-progress" data-testid="transform-progress">
          <progress max={100} value={pct} aria-label="Transform progress" />
          <span>
            {view.message ??
              (p
                ? `${pct}% · ${p.records.toLocaleString()} records · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${Math.round(p.recordsPerSecond).toLocaleString()} records/s · ${p.etaSeconds === null ? "ETA ?" : p.etaSeconds < 1 ? "ETA under 1 s" : `ETA ${formatDuration(p.etaSeconds * 1000)}`}`
                : "Starting…")}
          </span>
          {view.settings && (
            <span className="muted small-print">
              {view.settings.batchStrategy} ({view.settings.source.batchStrategy}) · MaxPayloadInMB {view.settings.maxPayloadInMB} (
              {view.settings.source.maxPayloadInMB}) · MaxConcurrentTransforms {view.settings.maxConcurrentTransforms} (
              {view.settings.source.maxConcurrentTransforms}) · {view.settings.endpoint}
            </span>
          )}
        </div>
      )}
      {view.error && (
        <p className={view.phase === "error" ? "field-error" : "muted"} role="alert">
          {view.error}
        </p>
      )}
      {view.result && (
        <div className="transform-result" data-testid="transform-result">
          <strong className={`transform-status status-${view.result.status.toLowerCase()}`}>{view.result.status}</strong>{" "}
          {view.result.progress.records.toLocaleString()} records in {view.result.progress.requests.toLocaleString()} requests,{" "}
          {formatDuration(view.result.progress.elapsedMs)}
          <ul>
            {view.result.files.map((f) => (
              <li key={f.input}>
                <code>{f.output ?? f.input}</code> {f.output ? `· ${f.records} records` : "· failed, no .out written"}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.failures.length > 0 && (
        <table className="transform-failures" data-testid="transform-failures">
          <thead>
            <tr>
              <th>File</th>
              <th>Records</th>
              <th>Status</th>
              <th>What happened</th>
            </tr>
          </thead>
          <tbody>
            {view.failures.map((f, i) => (
              <tr key={i}>
                <td>{f.file}</td>
                <td>{f.firstRecord === f.lastRecord ? f.firstRecord : `${f.firstRecord}–${f.lastRecord}`}</td>
                <td>{f.status ?? "—"}</td>
                <td>
                  {f.message}
                  {f.body && (
                    <pre className="tail" tabIndex={0} aria-label="Answer body">
                      {f.body}
                    </pre>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
