// A tensor field in the instance form (an image, a sequence): the nested list as JSON text, or loaded
// from a .npy file; rjsf's own rendering would be one input per number, nested as deep as the tensor.
import { useEffect, useState } from "react";
import type { FieldProps } from "@rjsf/utils";
import { readNpy, shapeOf } from "../../../app/contract";
import { tensorOf } from "./form-schema";

/** What the form passes down: a .npy of several instances fills one instance per row. */
export interface TensorContext {
  onBatch?(field: string, rows: unknown[]): void;
}

const ITEMS = { number: "floats", integer: "integers", boolean: "booleans" } as const;

// Past this a textarea of JSON is too slow to type in; the value is summarised instead.
const EDITABLE_CHARS = 200_000;

export function TensorField({ formData, onChange, name, schema, fieldPathId, registry }: FieldProps) {
  const tensor = tensorOf(schema as Record<string, unknown>);
  const text = formData === undefined ? "" : JSON.stringify(formData);
  const [draft, setDraft] = useState(text);
  const [problem, setProblem] = useState<string>();
  useEffect(() => setDraft(text), [text]);
  const set = (value: unknown) => onChange(value, fieldPathId.path);
  let shape: string;
  try {
    shape = formData === undefined ? "empty" : `shape (${shapeOf(formData).join(", ")})`;
  } catch (e) {
    shape = e instanceof Error ? e.message : "not an array";
  }
  const rank = tensor?.rank ?? 0;
  const load = async (file: File) => {
    try {
      const a = readNpy(new Uint8Array(await file.arrayBuffer()));
      const rows = Array.isArray(a.values) ? a.values : [a.values];
      const batch = (registry.formContext as TensorContext | undefined)?.onBatch;
      if (a.shape.length === rank) set(a.values);
      else if (a.shape.length === rank + 1 && a.shape[0] === 1) set(rows[0]);
      else if (a.shape.length === rank + 1 && batch) batch(name, rows);
      else
        throw new Error(
          `${name} takes ${rank} dimensions per instance (${rank + 1} for a batch); ${file.name} has shape (${a.shape.join(", ")})`,
        );
      setProblem(undefined);
    } catch (e) {
      setProblem(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="tensor-field stack" data-testid={`tensor-field-${name}`}>
      {/* rjsf draws no label around a custom field: the field's own title. */}
      <strong>{typeof schema.title === "string" ? schema.title : name}</strong>
      <span className="muted" data-testid="tensor-shape">
        Tensor of {ITEMS[tensor?.item ?? "number"]}, {rank} dimension{rank === 1 ? "" : "s"} per instance · {shape}
      </span>
      {text.length <= EDITABLE_CHARS ? (
        <textarea
          className="mono"
          rows={4}
          aria-label={`${name} as a JSON nested list`}
          spellCheck={false}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            try {
              const value: unknown = JSON.parse(e.target.value);
              shapeOf(value);
              set(value);
              setProblem(undefined);
            } catch (err) {
              setProblem(`Not a nested list of numbers yet: ${err instanceof Error ? err.message : String(err)}`);
            }
          }}
        />
      ) : (
        <p className="muted">{text.length.toLocaleString("en-US")} characters of JSON: too long to edit here; load a .npy file instead.</p>
      )}
      <label className="row">
        <span>Load a .npy file</span>
        <input
          type="file"
          accept=".npy,application/x-npy"
          aria-label={`Load ${name} from a .npy file`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void load(file);
            e.target.value = "";
          }}
        />
      </label>
      {problem && <p className="field-warning">{problem}</p>}
    </div>
  );
}
