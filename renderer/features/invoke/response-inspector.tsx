import { useState } from "react";
import type { InvocationResult, ModelSchemas } from "../../../app/contract";
import { formatBytes, formatDuration } from "../../shared/format";
import { PredictionCheck } from "./prediction-check";
import { binaryBody, prettyBody, statusText } from "../../shared/response-body";

/** Status, timings, headers, the predictions checked against the schema and the body (pretty or raw) of one answer. */
export function ResponseInspector({ result, error, schemas }: { result?: InvocationResult; error?: string; schemas?: ModelSchemas }) {
  const [raw, setRaw] = useState(false);
  const [showHeaders, setShowHeaders] = useState(true);
  if (error)
    return (
      <div className="inspector banner bad" role="alert">
        {error}
      </div>
    );
  if (!result) return <div className="inspector empty muted">Send a request to see the answer here.</div>;

  const contentType = Object.entries(result.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  const binary = result.bodyEncoding === "base64" ? binaryBody(result.body, contentType) : undefined;
  const pretty = binary ? { text: binary.text, json: binary.array !== undefined } : prettyBody(result.body, contentType);
  const tone = result.status === undefined ? "bad" : result.status < 300 ? "ok" : result.status < 500 ? "warn" : "bad";
  const headers = Object.entries(result.headers).sort(([a], [b]) => a.localeCompare(b));

  return (
    <section className="inspector" aria-label="Response">
      <div className="row wrap">
        <span className={`status-pill tone-${tone}`} data-testid="response-status">
          {result.status !== undefined ? statusText(result.status, result.statusText) : `No answer (${result.failure?.kind ?? "error"})`}
        </span>
        <span className="muted" data-testid="response-timing">
          total {formatDuration(result.timings.totalMs)}
          {result.timings.ttfbMs !== undefined ? ` · TTFB ${formatDuration(result.timings.ttfbMs)}` : ""}
        </span>
        <span className="muted">
          {formatBytes(result.bodyBytes)}
          {contentType ? ` · ${contentType}` : ""}
        </span>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Body view">
          <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)} disabled={!pretty.json}>
            Pretty
          </button>
          <button type="button" aria-pressed={raw || !pretty.json} onClick={() => setRaw(true)}>
            Raw
          </button>
        </div>
      </div>
      {result.failure && <p className="field-error">{result.failure.message}</p>}
      {result.truncated && (
        <p className="field-warning">
          Showing the first {formatBytes(new TextEncoder().encode(result.body).length)} of {formatBytes(result.bodyBytes)}.
        </p>
      )}
      {binary && (
        <p className="muted" data-testid="response-binary">
          {binary.summary}
        </p>
      )}
      {!binary && schemas && result.status !== undefined && result.status < 300 && !result.truncated && (
        <PredictionCheck schemas={schemas} body={result.body} contentType={contentType} />
      )}
      <pre className="response-body mono" data-testid="response-body" tabIndex={0}>
        {binary ? (raw || !pretty.json ? binary.raw : binary.text) : raw || !pretty.json ? result.body : pretty.text}
      </pre>
      <button type="button" className="link" onClick={() => setShowHeaders((v) => !v)} aria-expanded={showHeaders}>
        {showHeaders ? "▾" : "▸"} Headers ({headers.length})
      </button>
      {showHeaders && (
        <table className="table headers" data-testid="response-headers">
          <tbody>
            {headers.map(([k, v]) => (
              <tr key={k}>
                <td className="mono">{k}</td>
                <td className="mono">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
