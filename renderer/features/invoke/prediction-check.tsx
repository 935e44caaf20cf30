// The answer checked against the Prediction schema field by field, shown as a table when it is a list.
import { useMemo } from "react";
import type { ModelSchemas } from "../../../app/contract";
import { cellText, columnsOf } from "./form-schema";
import { checkPredictions } from "./schema-check";

export function PredictionCheck({ schemas, body, contentType }: { schemas: ModelSchemas; body: string; contentType?: string }) {
  const columns = useMemo(() => columnsOf(schemas.prediction, schemas.fieldOrder.prediction), [schemas]);
  const checked = useMemo(() => checkPredictions(schemas.prediction, columns, body, contentType), [schemas, columns, body, contentType]);
  if (checked.unreadable)
    return (
      <p className="muted" data-testid="prediction-check">
        Not checked against Prediction: {checked.unreadable}.
      </p>
    );
  const bad = checked.problems.filter((p) => p.length).length;
  return (
    <section className="prediction-check stack" aria-label="Predictions">
      <p className={bad ? "field-error" : "muted"} data-testid="prediction-check">
        {bad
          ? `${bad} of ${checked.rows.length} predictions break the Prediction schema`
          : `${checked.rows.length} predictions match the Prediction schema`}
      </p>
      <div className="table-scroll">
        <table className="table predictions" data-testid="prediction-table">
          <thead>
            <tr>
              <th>#</th>
              {columns.map((c) => (
                <th key={c.name}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {checked.rows.map((r, i) => (
              <tr key={i} className={checked.problems[i]?.length ? "row-invalid" : ""}>
                <td className="muted">{i + 1}</td>
                {columns.map((c) => {
                  const problem = checked.problems[i]
                    ?.filter((p) => p.field === c.name)
                    .map((p) => `${p.path}: ${p.message}`)
                    .join("; ");
                  return (
                    <td key={c.name} className={problem ? "cell-invalid" : ""} title={problem || undefined}>
                      <span className="mono">{cellText((r as Record<string, unknown>)?.[c.name], c)}</span>
                      {problem && <span className="cell-problem">{problem}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {checked.problems.some((p) => p.some((x) => !columns.some((c) => c.name === x.field))) && (
        <p className="field-error">
          {
            checked.problems
              .flat()
              .filter((x) => !columns.some((c) => c.name === x.field))
              .map((x) => `${x.path || "(prediction)"}: ${x.message}`)[0]
          }
        </p>
      )}
    </section>
  );
}
