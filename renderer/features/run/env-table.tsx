import { useEffect, useState } from "react";
import type { EnvVar, Project } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import { useSaveManifest } from "../../shared/queries/use-projects";
import { KNOWN_ENV } from "./known-env";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** PredictorConfig settings as environment variables, saved into stagemaker.json. */
export function EnvTable({ project }: { project: Project }) {
  const save = useSaveManifest(project.dir);
  const [rows, setRows] = useState<EnvVar[]>(project.manifest.env);
  useEffect(() => setRows(project.manifest.env), [project.manifest.env]);

  const problems = rows.map((r, i) =>
    !NAME.test(r.name)
      ? "letters, digits and _, not starting with a digit"
      : rows.findIndex((o) => o.name === r.name) !== i
        ? "appears twice"
        : "",
  );
  const changed = JSON.stringify(rows) !== JSON.stringify(project.manifest.env);
  const valid = problems.every((p) => !p);
  const set = (i: number, patch: Partial<EnvVar>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section className="env-table">
      <div className="pane-title">
        <span>Environment variables</span>
        <span className="muted">PredictorConfig and the server read these; they apply on the next Run or Restart.</span>
      </div>
      <datalist id="known-env">
        {KNOWN_ENV.map((v) => (
          <option key={v.name} value={v.name} label={v.meaning} />
        ))}
      </datalist>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Name of variable ${i + 1}`}
                  list="known-env"
                  className={`mono ${problems[i] ? "invalid" : ""}`}
                  value={r.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                  spellCheck={false}
                  title={problems[i]}
                />
              </td>
              <td>
                <input
                  aria-label={`Value of variable ${i + 1}`}
                  className="mono"
                  value={r.value}
                  onChange={(e) => set(i, { value: e.target.value })}
                  spellCheck={false}
                />
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="ghost small"
                  aria-label={`Remove variable ${i + 1}`}
                  onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No variables.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setRows((rs) => [...rs, { name: "", value: "" }])} disabled={rows.length >= 100}>
          Add variable
        </button>
        <span className="spacer" />
        {save.isError && <span className="field-error">{errorText(save.error)}</span>}
        {!valid && <span className="field-error">Fix the highlighted names.</span>}
        <button
          type="button"
          className="primary"
          disabled={!changed || !valid || save.isPending}
          onClick={() => save.mutate({ ...project.manifest, env: rows })}
        >
          Save variables
        </button>
      </div>
    </section>
  );
}
