// The problems list under the editor: every diagnostic of model/, each one a button that opens its place.
import type { Problem } from "../../../app/contract";
import { errorText } from "../../api/error-text";
import "./problems.css";

interface Props {
  problems: Problem[];
  checking: boolean;
  error: unknown;
  onOpen(problem: Problem): void;
}

const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

export function ProblemsList({ problems, checking, error, onOpen }: Props) {
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <h2 id="problems-title" className="pane-title">
        <span>
          Problems{" "}
          <span className="problems-count">
            ({problems.length === 0 ? "none" : `${errors} error${errors === 1 ? "" : "s"}, ${problems.length - errors} other`})
          </span>
        </span>
        <span role="status" className="problems-status">
          {checking ? "Checking…" : ""}
        </span>
      </h2>
      {error != null && <p className="field-error pad">The Python check could not run: {errorText(error)}</p>}
      {problems.length > 0 && (
        <ul className="problems-items">
          {problems.map((p, i) => (
            <li key={`${p.path}:${p.line}:${p.column}:${i}`}>
              <button type="button" className={`problem problem-${p.severity}`} onClick={() => onOpen(p)}>
                <span className="problem-severity">{SEVERITY_LABEL[p.severity]}</span>
                <span className="problem-message">{p.message}</span>
                <span className="problem-where">
                  {p.path}:{p.line}:{p.column} · {p.source}
                  {p.code ? ` ${p.code}` : ""}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
