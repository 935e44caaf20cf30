import type { InvokeInput } from "../../../app/contract";

/** What the request editor holds; the project is added when sending. A binary body (application/x-npy) is held base64. */
export type RequestDraft = Required<Pick<InvokeInput, "path" | "body" | "contentType">> & { accept: string; customAttributes: string };

/** The template's Instance example (field1: str, field2: float), valid until the person changes the model. */
export const TEMPLATE_EXAMPLE = '{\n  "instances": [\n    { "field1": "asdf", "field2": 1.2 }\n  ]\n}';

export const CONTENT_TYPES = [
  "application/json",
  "application/jsonlines",
  "text/csv",
  "text/plain",
  "application/x-npy",
  "application/octet-stream",
];
export const ACCEPTS = ["", "application/json", "application/jsonlines", "text/csv", "application/x-npy", "*/*"];

export function initialRequest(body = TEMPLATE_EXAMPLE): RequestDraft {
  return { path: "/invocations", body, contentType: "application/json", accept: "application/json", customAttributes: "" };
}

export function toInvokeInput(project: string, r: RequestDraft): InvokeInput {
  return {
    project,
    path: r.path,
    body: r.body,
    // An NPY body is bytes (held base64); other types, application/octet-stream included, are the text typed.
    ...(isNpy(r.contentType) ? { bodyEncoding: "base64" as const } : {}),
    contentType: r.contentType,
    accept: r.accept || undefined,
    customAttributes: r.customAttributes || undefined,
    timeoutMs: 65_000,
  };
}

export function fromHistory(request: Omit<InvokeInput, "project">): RequestDraft {
  return {
    path: request.path,
    body: request.body,
    contentType: request.contentType,
    accept: request.accept ?? "",
    customAttributes: request.customAttributes ?? "",
  };
}

/** A JSON body that does not parse is worth a warning before sending (the server would answer 4xx). */
export function jsonProblem(r: RequestDraft): string | null {
  if (!/json/i.test(r.contentType) || r.contentType.includes("jsonlines")) return null;
  try {
    JSON.parse(r.body);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : "not valid JSON";
  }
}

export const isNpy = (contentType: string) => /x-npy/i.test(contentType);
