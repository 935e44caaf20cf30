// Many instances as rows: add, remove, duplicate, paste CSV, load a CSV or JSON Lines file; cells checked against the schema.
import { useRef, useState } from "react";
import { csvToInstances } from "./body-format";
import { cellText, cellValue, type Column, scalarText } from "./form-schema";
import type { FieldProblem } from "./schema-check";

interface Props {
  columns: Column[];
  rows: unknown[];
  problems: FieldProblem[][];
  onChange(rows: unknown[]): void;
}

type Row = Record<string, unknown>;

function Cell({
  column,
  value,
  problem,
  onChange,
  label,
}: {
  column: Column;
  value: unknown;
  problem?: string;
  label: string;
  onChange(v: unknown): void;
}) {
  const cls = problem ? "cell-input invalid" : "cell-input";
  if (column.kind === "enum")
    return (
      <select
        className={cls}
        aria-label={label}
        title={problem}
        value={value === undefined ? "" : scalarText(value)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      >
        <option value="">—</option>
        {column.options?.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  if (column.kind === "boolean")
    return (
      <input type="checkbox" aria-label={label} title={problem} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    );
  return (
    <TextCell
      className={`${cls} ${column.kind === "json" ? "mono" : ""}`}
      label={label}
      problem={problem}
      text={cellText(value, column)}
      onCommit={(t) => onChange(cellValue(t, column))}
    />
  );
}

/** Keeps the typed text while editing (so "1." or a half-typed JSON list is not rewritten), commits on each change. */
function TextCell({
  text,
  onCommit,
  className,
  label,
  problem,
}: {
  text: string;
  className: string;
  label: string;
  problem?: string;
  onCommit(t: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      className={className}
      aria-label={label}
      aria-invalid={!!problem}
      title={problem}
      value={draft ?? text}
      spellCheck={false}
      onChange={(e) => {
        setDraft(e.target.value);
        onCommit(e.target.value);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

export function InstancesTable({ columns, rows, problems, onChange }: Props) {
  const file = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<string>();
  const set = (i: number, name: string, v: unknown) => {
    const next = rows.map((r, j) => {
      if (j !== i) return r;
      const copy: Row = { ...(r as Row) };
      if (v === undefined) delete copy[name];
      else copy[name] = v;
      return copy;
    });
    onChange(next);
  };
  const readText = (text: string, jsonLines: boolean) => {
    try {
      const added = jsonLines
        ? text
            .split("\n")
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as unknown)
        : csvToInstances(text, columns);
      onChange(added);
      setNote(`${added.length} rows read`);
    } catch (e) {
      setNote(`Could not read it: ${e instanceof Error ? e.message : "unreadable"}`);
    }
  };
  return (
    <div className="instances-table stack">
      <div className="row wrap">
        <button type="button" className="small" onClick={() => onChange([...rows, {}])}>
          Add row
        </button>
        <button type="button" className="small" onClick={() => file.current?.click()}>
          Load CSV / JSON Lines…
        </button>
        <input
          ref={file}
          type="file"
          hidden
          accept=".csv,.jsonl,.ndjson,.txt,text/csv"
          data-testid="instances-file"
          onChange={(e) => {
            const input = e.target;
            const f = input.files?.[0];
            input.value = "";
            if (f) void f.text().then((text) => readText(text, /\.(jsonl|ndjson)$/i.test(f.name)));
          }}
        />
        <span className="muted">Paste CSV rows anywhere in the table (columns in field order).</span>
        {note && <span className="muted">{note}</span>}
      </div>
      <div
        className="table-scroll"
        onPaste={(e) => {
          const text = e.clipboardData.getData("text/plain");
          // A single value pastes into the cell; lines or commas are rows.
          if (!/[\n,\t]/.test(text.trim())) return;
          e.preventDefault();
          readText(text.replace(/\t/g, ","), false);
        }}
      >
        <table className="table instances" data-testid="instances-table">
          <thead>
            <tr>
              <th>#</th>
              {columns.map((c) => (
                <th key={c.name} title={c.description}>
                  {c.name}
                  {c.required ? " *" : ""}
                </th>
              ))}
              <th>
                <span className="visually-hidden">Row actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={problems[i]?.length ? "row-invalid" : ""}>
                <td className="muted">{i + 1}</td>
                {columns.map((c) => (
                  <td key={c.name}>
                    <Cell
                      column={c}
                      label={`row ${i + 1} ${c.name}`}
                      value={(r as Row)?.[c.name]}
                      problem={
                        problems[i]
                          ?.filter((p) => p.field === c.name)
                          .map((p) => `${p.path}: ${p.message}`)
                          .join("; ") || undefined
                      }
                      onChange={(v) => set(i, c.name, v)}
                    />
                  </td>
                ))}
                <td className="row-actions">
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={`Duplicate row ${i + 1}`}
                    onClick={() => onChange([...rows.slice(0, i + 1), structuredClone(r), ...rows.slice(i + 1)])}
                  >
                    ⧉
                  </button>
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={`Remove row ${i + 1}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
