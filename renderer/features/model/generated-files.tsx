// A preview of the generated files; a file the person changed shows its diff and needs a tick.
import { useState } from "react";
import type { GeneratedFile } from "../../../app/contract";
import { DiffText } from "../../shared/diff-text";

const LABEL: Record<GeneratedFile["status"], string> = {
  new: "new",
  same: "unchanged",
  replaces: "replaces the template's",
  changed: "you changed this file",
};

export function GeneratedFiles({
  files,
  confirmed,
  onConfirm,
}: {
  files: GeneratedFile[];
  confirmed: Set<string>;
  onConfirm: (path: string, yes: boolean) => void;
}) {
  const [open, setOpen] = useState<string | null>(files.find((f) => f.status === "changed")?.path ?? null);
  return (
    <ul className="model-files" data-testid="model-files">
      {files.map((f) => (
        <li key={f.path} className={`model-file status-${f.status}`}>
          <div className="row">
            <button
              type="button"
              className="ghost small"
              aria-expanded={open === f.path}
              onClick={() => setOpen(open === f.path ? null : f.path)}
            >
              {open === f.path ? "▾" : "▸"} <code>{f.path}</code>
            </button>
            <span className={`model-status ${f.status}`}>{LABEL[f.status]}</span>
            {f.status === "changed" && (
              <label className="model-confirm">
                <input type="checkbox" checked={confirmed.has(f.path)} onChange={(e) => onConfirm(f.path, e.target.checked)} /> replace my
                version
              </label>
            )}
          </div>
          {open === f.path &&
            (f.diff ? (
              <DiffText className="model-preview" diff={f.diff} label={`${f.path} diff`} />
            ) : (
              <pre className="model-preview" tabIndex={0} aria-label={`${f.path} content`}>
                {f.content}
              </pre>
            ))}
        </li>
      ))}
    </ul>
  );
}
