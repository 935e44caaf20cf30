// One instance as a form generated from the Instance schema by react-jsonschema-form, checked as it is typed.
import { useMemo } from "react";
import Form from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import type { JsonSchema } from "../../../app/contract";
import { columnsOf, formSchema } from "./form-schema";
import { formValidator } from "./form-validator";
import { type TensorContext, TensorField } from "./tensor-field";

const UI: UiSchema = { "ui:submitButtonOptions": { norender: true }, "ui:title": "" };
const FIELDS = { tensor: TensorField };

interface Props {
  schema: JsonSchema;
  value: unknown;
  /** byUser is false when the form only filled in the schema's defaults. */
  onChange(value: unknown, byUser: boolean): void;
  /** A .npy of several instances loaded into a tensor field: one instance per row. */
  onBatch?: TensorContext["onBatch"];
}

export function InstanceForm({ schema, value, onChange, onBatch }: Props) {
  const s = useMemo(() => {
    const f = formSchema(schema) as RJSFSchema;
    // The title and the model's docstring are shown above the form, not as a legend.
    return { ...f, title: undefined, description: undefined } as RJSFSchema;
  }, [schema]);
  // Tensor fields (nested lists of numbers) get their own field: JSON text or a .npy file, not one input per number.
  const ui = useMemo(() => {
    const out: UiSchema = { ...UI };
    for (const c of columnsOf(schema, [])) if (c.tensor) out[c.name] = { "ui:field": "tensor" };
    return out;
  }, [schema]);
  const context = useMemo<TensorContext>(() => ({ onBatch }), [onBatch]);
  return (
    <div className="instance-form" data-testid="instance-form">
      <Form
        schema={s}
        uiSchema={ui}
        fields={FIELDS}
        formContext={context}
        formData={value}
        validator={formValidator}
        liveValidate="onChange"
        showErrorList={false}
        noHtml5Validate
        onChange={(e, id) => onChange(e.formData, id !== undefined)}
        onSubmit={() => undefined}
      />
    </div>
  );
}
