// One row of the field table: name, type (enum values, list, nested model), required/optional, default, constraints, description, example.
import type { FieldSpec } from "../../../app/contract";

const TYPES: FieldSpec["type"][] = ["str", "int", "float", "bool", "enum", "model"];

/** A JSON value typed into a cell: parsed when it reads as JSON, else kept as text (a bare word is a string). */
function jsonCell(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
const showJson = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
/** The number bounds a field's constraints cell offers: the key, its name in the input's label, the placeholder. */
const NUMBER_BOUNDS = (["ge", "le", "gt", "lt"] as const).map((key) => ({ key, name: key, hint: key }));
/** A str field's length bounds. */
const LENGTHS = [
  { key: "minLength", name: "min length", hint: "min" },
  { key: "maxLength", name: "max length", hint: "max" },
] as const;
const num = (text: string) => (text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text));

interface Props {
  field: FieldSpec;
  index: number;
  count: number;
  models: string[];
  onChange(next: FieldSpec): void;
  onMove(step: -1 | 1): void;
  onRemove(): void;
}

export function FieldRow({ field: f, index, count, models, onChange, onMove, onRemove }: Props) {
  const set = (patch: Partial<FieldSpec>) => onChange({ ...f, ...patch });
  const label = (what: string) => `${f.name || `field ${index + 1}`} ${what}`;
  const numeric = !f.list && (f.type === "int" || f.type === "float");
  const text = !f.list && f.type === "str";
  return (
    <tr data-testid={`field-row-${index}`}>
      <td className="reorder">
        <button type="button" className="ghost small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={label("up")}>
          ↑
        </button>
        <button type="button" className="ghost small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={label("down")}>
          ↓
        </button>
      </td>
      <td>
        <input
          className="mono"
          aria-label={`field ${index + 1} name`}
          value={f.name}
          onChange={(e) => set({ name: e.target.value })}
          spellCheck={false}
        />
      </td>
      <td>
        <select
          aria-label={label("type")}
          value={f.type}
          onChange={(e) =>
            set({ type: e.target.value as FieldSpec["type"], model: e.target.value === "model" ? (f.model ?? models[0]) : undefined })
          }
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t === "model" ? "nested model" : t}
            </option>
          ))}
        </select>
        {f.type === "enum" && (
          <input
            aria-label={label("choices")}
            placeholder="a, b, c"
            value={f.enumValues.join(", ")}
            onChange={(e) =>
              set({
                enumValues: e.target.value
                  .split(",")
                  .map((v) => v.trim())
                  .filter(Boolean),
              })
            }
          />
        )}
        {f.type === "model" && (
          <select aria-label={label("model")} value={f.model ?? ""} onChange={(e) => set({ model: e.target.value })}>
            {!models.length && <option value="">add a nested model below</option>}
            {models.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        )}
      </td>
      <td className="flags">
        <label title="List[...]">
          <input type="checkbox" aria-label={label("list")} checked={f.list} onChange={(e) => set({ list: e.target.checked })} /> list
        </label>
        <label>
          <input
            type="checkbox"
            aria-label={label("required")}
            checked={f.required}
            onChange={(e) => set({ required: e.target.checked })}
          />{" "}
          required
        </label>
        <label title="Optional[...]: may be null">
          <input
            type="checkbox"
            aria-label={label("nullable")}
            checked={f.nullable}
            onChange={(e) => set({ nullable: e.target.checked })}
          />{" "}
          null
        </label>
      </td>
      <td>
        <input
          className="mono"
          aria-label={label("default")}
          value={showJson(f.default)}
          onChange={(e) => set({ default: jsonCell(e.target.value) })}
          placeholder="—"
        />
      </td>
      <td className="constraints">
        {(numeric ? NUMBER_BOUNDS : text ? LENGTHS : []).map(({ key, name, hint }) => (
          <input
            key={key}
            className="tiny"
            aria-label={label(name)}
            placeholder={hint}
            value={f[key] ?? ""}
            onChange={(e) => set({ [key]: num(e.target.value) })}
          />
        ))}
        {text && (
          <input
            className="mono"
            aria-label={label("pattern")}
            placeholder="pattern"
            value={f.pattern ?? ""}
            onChange={(e) => set({ pattern: e.target.value || undefined })}
          />
        )}
      </td>
      <td>
        <input
          aria-label={label("description")}
          value={f.description ?? ""}
          onChange={(e) => set({ description: e.target.value || undefined })}
        />
      </td>
      <td>
        <input
          className="mono"
          aria-label={label("example")}
          value={showJson(f.example)}
          onChange={(e) => set({ example: jsonCell(e.target.value) })}
        />
      </td>
      <td>
        <button type="button" className="ghost small" onClick={onRemove} aria-label={label("remove")}>
          ✕
        </button>
      </td>
    </tr>
  );
}
