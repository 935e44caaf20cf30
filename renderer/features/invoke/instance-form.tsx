// One instance as a form generated from the Instance schema by react-jsonschema-form, checked as it is typed.
import { useMemo } from "react";
import Form from "@rjsf/core";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import type { JsonSchema } from "../../../app/contract";
import { formSchema } from "./form-schema";
import { formValidator } from "./form-validator";

const UI: UiSchema = { "ui:submitButtonOptions": { norender: true }, "ui:title": "" };

interface Props {
  schema: JsonSchema;
  value: unknown;
  /** byUser is false when the form only filled in the schema's defaults. */
  onChange(value: unknown, byUser: boolean): void;
}

export function InstanceForm({ schema, value, onChange }: Props) {
  const s = useMemo(() => {
    const f = formSchema(schema) as RJSFSchema;
    // The title and the model's docstring are shown above the form, not as a legend.
    return { ...f, title: undefined, description: undefined } as RJSFSchema;
  }, [schema]);
  return (
    <div className="instance-form" data-testid="instance-form">
      <Form
        schema={s}
        uiSchema={UI}
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
