// One line on where the form's schemas come from, and what to do when they are stale or cannot be read.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ModelSchemas } from "../../app/contract";
import { errorText } from "../api/error-text";

export function SchemaStatus({ query }: { query: UseQueryResult<ModelSchemas> }) {
  const s = query.data;
  return (
    <div className="schema-status row wrap" data-testid="schema-status">
      {s && (
        <span className="muted" title={`pydantic ${s.pydantic}, content ${s.contentHash}`}>
          Schemas from Python in {s.readFrom === "container" ? "the running container" : `the image ${s.image}`} · read in {s.readMs} ms
        </span>
      )}
      {query.isFetching && <span className="muted">reading…</span>}
      {s?.stale && (
        <span className="field-warning" role="status">
          {s.stale.reason}
        </span>
      )}
      {query.isError && (
        <span className={s ? "field-warning" : "muted"} role="status">
          {s ? "Showing the last good schemas: " : ""}
          {errorText(query.error)}
        </span>
      )}
      <span className="spacer" />
      <button type="button" className="ghost small" onClick={() => void query.refetch()} disabled={query.isFetching}>
        Re-read schemas
      </button>
    </div>
  );
}
