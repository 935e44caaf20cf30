import type { ReactNode } from "react";
import { ACCEPTS, CONTENT_TYPES, jsonProblem, type RequestDraft } from "./request-model";

interface Props {
  value: RequestDraft;
  onChange(next: RequestDraft): void;
  onSend(): void;
  /** Puts the example derived from the Instance back (absent when none fits the content type). */
  onExample?(): void;
  sending: boolean;
  disabledReason?: string;
  /** Where the request goes (the container's host port), shown so nobody wonders. */
  target?: string;
  /** Paths the server answers predictions on: SageMaker's and the KServe v1 one. */
  paths?: string[];
  /** The body editors (form, table, raw). */
  children?: ReactNode;
}

/** The request: path, media types, custom attributes and the body editors; Ctrl/Cmd+Enter sends. */
export function RequestEditor({
  value,
  onChange,
  onSend,
  onExample,
  sending,
  disabledReason,
  target,
  paths = ["/invocations"],
  children,
}: Props) {
  const set = (patch: Partial<RequestDraft>) => onChange({ ...value, ...patch });
  const problem = jsonProblem(value);
  return (
    <form
      className="request-editor stack"
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
          e.preventDefault();
          onSend();
        }
      }}
    >
      <div className="pickers">
        <label className="field">
          <span>Path</span>
          <select value={value.path} onChange={(e) => set({ path: e.target.value })}>
            {(paths.includes(value.path) ? paths : [...paths, value.path]).map((p) => (
              <option key={p} value={p}>
                POST {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Content type</span>
          <select value={value.contentType} onChange={(e) => set({ contentType: e.target.value })}>
            {CONTENT_TYPES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Accept</span>
          <select value={value.accept} onChange={(e) => set({ accept: e.target.value })}>
            {ACCEPTS.map((a) => (
              <option key={a} value={a}>
                {a || "(none)"}
              </option>
            ))}
          </select>
        </label>
      </div>
      {target && (
        <p className="muted mono target row" title="The running container's port on this machine">
          <span>
            POST {target}
            {value.path}
          </span>
          <span className="spacer" />
          {/* Served from the image itself (no CDN), so they work offline. */}
          <a href={`${target}/docs`} target="_blank" rel="noreferrer">
            /docs
          </a>
          <a href={`${target}/redoc`} target="_blank" rel="noreferrer">
            /redoc
          </a>
        </p>
      )}
      <label className="field">
        <span>Custom attributes (X-Amzn-SageMaker-Custom-Attributes)</span>
        <input
          value={value.customAttributes}
          maxLength={1024}
          onChange={(e) => set({ customAttributes: e.target.value })}
          placeholder="e.g. trace=1"
          spellCheck={false}
        />
      </label>
      {children}
      {problem && <p className="field-warning">Body is not valid JSON: {problem}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={sending || !!disabledReason} title={disabledReason}>
          {sending ? "Sending…" : "Send"}
        </button>
        {disabledReason && <span className="muted">{disabledReason}</span>}
        <span className="spacer" />
        {onExample && (
          <button
            type="button"
            className="ghost small"
            onClick={onExample}
            title="Start again from one instance built from the Instance schema (examples, defaults)"
          >
            Example
          </button>
        )}
      </div>
    </form>
  );
}
