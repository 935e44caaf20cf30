// The Schemas tab: Instance and Prediction as field tables that write model/*.py, read-only where the code holds more than a table can show.
import { useEffect, useState } from "react";
import type { ModelFileSpec, SchemaKind } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { SchemaStatus } from "../../shared/schema-status";
import { ModelFields } from "./model-fields";
import { useSchemas, useWriteModel } from "../../shared/queries/use-schemas";

const PATHS: Record<SchemaKind, string> = { instance: "model/instance.py", prediction: "model/prediction.py" };

export function SchemaEditor({ project }: { project: string }) {
  const schemas = useSchemas(project);
  const write = useWriteModel(project);
  const [which, setWhich] = useState<SchemaKind>("instance");
  const [draft, setDraft] = useState<ModelFileSpec | null>(null);
  const s = schemas.data;
  const table = s?.tables[which] ?? null;
  const source = s?.sources[which];
  // A fresh read (after a save here or in the Code tab) replaces the table unless it holds unsaved edits.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(table);
  }, [table, dirty]);
  useEffect(() => {
    setDirty(false);
    setDraft(s?.tables[which] ?? null);
  }, [which]); // eslint-disable-line react-hooks/exhaustive-deps

  const editable = !!source?.editable && !!table;
  const change = (next: ModelFileSpec) => {
    setDraft(next);
    setDirty(true);
  };
  const names = draft ? draft.nested.map((m) => m.name) : [];

  return (
    <div className="panel schema-editor stack">
      <SchemaStatus query={schemas} />
      <div className="row wrap">
        <div className="segmented" role="group" aria-label="Model">
          {(["instance", "prediction"] as const).map((k) => (
            <button key={k} type="button" aria-pressed={which === k} onClick={() => setWhich(k)}>
              {k === "instance" ? "Instance" : "Prediction"}
            </button>
          ))}
        </div>
        <span className="muted mono">{PATHS[which]}</span>
        <span className="spacer" />
        {dirty && <span className="muted">unsaved</span>}
        <button type="button" className="ghost small" disabled={!dirty} onClick={() => (setDirty(false), setDraft(table))}>
          Discard
        </button>
        <button
          type="button"
          className="primary"
          disabled={!editable || !dirty || !draft || write.isPending}
          onClick={() => draft && write.mutate({ which, spec: draft }, { onSuccess: () => setDirty(false) })}
        >
          {write.isPending ? "Writing…" : `Write ${PATHS[which]}`}
        </button>
      </div>
      {write.isError && (
        <p className="field-error" role="alert">
          {errorText(write.error)}
        </p>
      )}
      {!s && !schemas.isError && <p className="muted">Reading the schemas through Python…</p>}
      {s && !source?.editable && (
        <div className="banner warn" role="status" data-testid="schema-read-only">
          {PATHS[which]} holds code the table cannot represent, so the table is read-only and nothing will overwrite it:
          <ul>
            {source?.problems.map((p) => (
              <li key={p} className="mono">
                {p}
              </li>
            ))}
          </ul>
          Edit it in the Code tab (Monaco).
        </div>
      )}
      {s && source?.editable && !table && (
        <div className="banner warn">
          A field of this model has a type the table has no row for (a union, a dict…). Edit it in the Code tab.
        </div>
      )}
      {draft && (
        <fieldset disabled={!editable} className="stack plain">
          <ModelFields model={draft.main} models={names} onChange={(main) => change({ ...draft, main })} />
          {draft.nested.map((m, i) => (
            <div key={i} className="nested-model stack">
              <div className="row">
                <strong>Nested model</strong>
                <input
                  className="mono"
                  aria-label={`nested model ${i + 1} name`}
                  value={m.name}
                  onChange={(e) => change({ ...draft, nested: draft.nested.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                />
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => change({ ...draft, nested: draft.nested.filter((_, j) => j !== i) })}
                >
                  Remove model
                </button>
              </div>
              <ModelFields
                model={m}
                models={names}
                onChange={(next) => change({ ...draft, nested: draft.nested.map((x, j) => (j === i ? next : x)) })}
              />
            </div>
          ))}
          <div className="row">
            <button
              type="button"
              className="small"
              onClick={() =>
                change({
                  ...draft,
                  nested: [
                    ...draft.nested,
                    {
                      name: `Item${draft.nested.length + 1}`,
                      fields: [{ name: "name", type: "str", list: false, enumValues: [], required: true, nullable: false }],
                    },
                  ],
                })
              }
            >
              Add nested model
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
