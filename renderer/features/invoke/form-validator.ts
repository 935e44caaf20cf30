// react-jsonschema-form's validator interface over the eval-free JSON Schema check (the CSP rules out @rjsf/validator-ajv8's compiled ajv).
// @rjsf/validator-ajv8 stays in package.json all the same: @rjsf/core's index imports it (its getTestRegistry), so nothing that imports @rjsf/core resolves without it.
import {
  createErrorHandler,
  type RJSFSchema,
  type RJSFValidationError,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type ValidatorType,
} from "@rjsf/utils";
import { schemaProblems } from "./json-schema-check";

function toErrors(schema: object, value: unknown, root?: object): RJSFValidationError[] {
  return schemaProblems(schema, value ?? {}, root).map((p) => {
    const property = p.path.length ? `.${p.path.join(".")}` : "";
    return {
      name: p.keyword,
      property,
      message: p.message,
      params: {},
      stack: `${p.path.join(".") || "value"} ${p.message}`,
      schemaPath: "",
    };
  });
}

export const formValidator: ValidatorType = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
    let errors = toErrors(schema, formData);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const data = { errors, errorSchema: toErrorSchema(errors) };
    if (!customValidate) return data;
    const handler = customValidate(formData, createErrorHandler(formData), uiSchema);
    return validationDataMerge(data, unwrapErrorHandler(handler));
  },
  isValid(schema: RJSFSchema, formData, rootSchema: RJSFSchema) {
    return toErrors(schema, formData, rootSchema).length === 0;
  },
  rawValidation(schema, formData) {
    return { errors: toErrors(schema, formData) as never[] };
  },
};
