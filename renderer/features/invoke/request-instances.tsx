// The request body three ways, kept in sync: a form for one instance, a table for many, the raw body in Monaco.
import { lazy, Suspense, useMemo, useState } from "react";
import { base64Bytes, type ModelSchemas } from "../../../app/contract";
import { bodyFormat, bodyToInstances, instancesToBody } from "./body-format";
import { columnsOf } from "./form-schema";
import { InstanceForm } from "./instance-form";
import { InstancesTable } from "./instances-table";
import { npyLayoutProblem } from "./npy-body";
import { NpyBodyView } from "./npy-body-view";
import { checkInstances } from "./schema-check";

const CodeEditor = lazy(() => import("../../shared/code-editor"));

export type BodyMode = "form" | "table" | "body";

interface Props {
  project: string;
  schemas?: ModelSchemas;
  contentType: string;
  body: string;
  instances: unknown[];
  /** A handler project's SAGEMAKER_PROGRAM: raw bodies only, there is no schema to build a form from. */
  handler?: string;
  /** Either side changed: the other is derived (a raw edit that no longer fits leaves the instances as they were). */
  onChange(next: { body: string; instances: unknown[]; byUser?: boolean }): void;
}

/** Monaco picks the language from the model path: JSON highlighting for JSON, plain text otherwise. */
const EXTENSION: Record<string, string> = { json: "json", jsonl: "jsonl.txt", csv: "csv.txt", npy: "txt", other: "txt" };

/** The bytes sent: an NPY body is held base64. */
const bodyBytes = (body: string, npy: boolean) => (npy ? base64Bytes(body) : new TextEncoder().encode(body).length);

export function RequestInstances({ project, schemas, handler, contentType, body, instances, onChange }: Props) {
  const [mode, setMode] = useState<BodyMode>("form");
  const [row, setRow] = useState(0);
  const format = bodyFormat(contentType);
  const columns = useMemo(() => (schemas ? columnsOf(schemas.instance, schemas.fieldOrder.instance) : []), [schemas]);
  const problems = useMemo(() => (schemas ? checkInstances(schemas.instance, instances) : []), [schemas, instances]);
  const raw = bodyToInstances(body, format, columns);
  const formless = !schemas || format === "other";
  const shown: BodyMode = formless ? "body" : mode;
  const setInstances = (next: unknown[], byUser = true) =>
    onChange({ instances: next, body: instancesToBody(next, format, columns) ?? body, byUser });
  const current = Math.min(row, Math.max(0, instances.length - 1));
  const flagged = problems.flatMap((list, i) => list.map((p) => ({ ...p, row: i })));

  return (
    <div className="request-instances stack grow">
      <div className="row wrap">
        <div className="segmented" role="group" aria-label="Body editor">
          {(["form", "table", "body"] as const).map((m) => (
            <button key={m} type="button" aria-pressed={shown === m} disabled={formless && m !== "body"} onClick={() => setMode(m)}>
              {m === "form"
                ? "Form"
                : m === "table"
                  ? `Table (${instances.length})`
                  : format === "csv"
                    ? "CSV"
                    : format === "jsonl"
                      ? "JSON Lines"
                      : format === "npy"
                        ? "NPY"
                        : "Body"}
            </button>
          ))}
        </div>
        {shown === "form" && instances.length > 1 && (
          <label className="field inline">
            <span>Instance</span>
            <select value={current} onChange={(e) => setRow(Number(e.target.value))}>
              {instances.map((_, i) => (
                <option key={i} value={i}>
                  {i + 1} of {instances.length}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        <span className="muted">{bodyBytes(body, format === "npy")} bytes</span>
      </div>
      {!schemas && !handler && (
        <p className="muted">The form appears once the schemas are read (they come from Python in the project's image: build it first).</p>
      )}
      {handler && (
        <p className="muted" data-testid="handler-body-note">
          This project serves its handler script ({handler}): write the body as its input_fn reads it, with that content type.
        </p>
      )}
      {schemas && format === "npy" && npyLayoutProblem(columns) && (
        <p className="field-warning">Cannot send these fields as NPY: {npyLayoutProblem(columns)}.</p>
      )}
      {schemas && format === "other" && (
        <p className="muted">{contentType} bodies are edited as text; the form covers JSON, JSON Lines and CSV.</p>
      )}
      {shown === "form" && schemas && (
        <InstanceForm
          schema={schemas.instance}
          value={instances[current] ?? {}}
          onChange={(v, byUser) => setInstances(instances.length ? instances.map((x, i) => (i === current ? v : x)) : [v], byUser)}
          onBatch={(field, rows) => {
            setInstances(rows.map((r, i) => ({ ...((instances[i] ?? instances[current] ?? {}) as object), [field]: r })));
            setRow(0);
          }}
        />
      )}
      {shown === "table" && <InstancesTable columns={columns} rows={instances} problems={problems} onChange={setInstances} />}
      {shown === "body" && format === "npy" && (
        <NpyBodyView
          body={body}
          onChange={(next) => {
            const read = bodyToInstances(next, format, columns);
            onChange({ body: next, instances: "instances" in read ? read.instances : instances });
          }}
        />
      )}
      {shown === "body" && format !== "npy" && (
        <div className="body-editor" data-testid="request-body">
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <CodeEditor
              modelPath={`inmemory://request/${encodeURIComponent(project)}.${EXTENSION[format]}`}
              initialValue={body}
              savedValue={body}
              hasDraft={false}
              onChange={(text) => {
                if (text === body) return;
                const read = bodyToInstances(text, format, columns);
                onChange({ body: text, instances: "instances" in read ? read.instances : instances });
              }}
            />
          </Suspense>
        </div>
      )}
      {"problem" in raw && !formless && (
        <p className="field-warning">
          The body no longer reads as instances ({raw.problem}); the form and table keep the last ones that did.
        </p>
      )}
      {flagged.length > 0 && (
        <ul className="field-warning problems" data-testid="instance-problems" aria-label="Problems before sending">
          {flagged.slice(0, 8).map((p, i) => (
            <li key={i}>
              {instances.length > 1 ? `Row ${p.row + 1}, ` : ""}
              <span className="mono">{p.path || "(instance)"}</span>: {p.message}
            </li>
          ))}
          {flagged.length > 8 && <li>… {flagged.length - 8} more</li>}
        </ul>
      )}
    </div>
  );
}
