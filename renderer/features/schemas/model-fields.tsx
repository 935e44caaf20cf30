// The field table of one model class (Instance, Prediction or a nested model); row order is the class's and the CSV's order.
import type { FieldSpec, ModelSpec } from "../../../app/contract";
import { FieldRow } from "./field-row";

const blank = (n: number): FieldSpec => ({ name: `field_${n}`, type: "str", list: false, enumValues: [], required: true, nullable: false });

export function ModelFields({ model, models, onChange }: { model: ModelSpec; models: string[]; onChange(next: ModelSpec): void }) {
  const fields = model.fields;
  const setFields = (next: FieldSpec[]) => onChange({ ...model, fields: next });
  return (
    <div className="model-fields stack">
      <table className="table field-table" data-testid={`fields-${model.name}`}>
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">Order</span>
            </th>
            <th>Name</th>
            <th>Type</th>
            <th>List / required / null</th>
            <th>Default</th>
            <th>Constraints</th>
            <th>Description</th>
            <th>Example</th>
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <FieldRow
              key={i}
              field={f}
              index={i}
              count={fields.length}
              models={models.filter((m) => m !== model.name)}
              onChange={(next) => setFields(fields.map((x, j) => (j === i ? next : x)))}
              onMove={(step) => {
                const next = [...fields];
                [next[i], next[i + step]] = [next[i + step]!, next[i]!];
                setFields(next);
              }}
              onRemove={() => setFields(fields.filter((_, j) => j !== i))}
            />
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="small" onClick={() => setFields([...fields, blank(fields.length + 1)])}>
          Add field to {model.name}
        </button>
      </div>
    </div>
  );
}
