import { describe, expect, it } from "vitest";
import { prettyBody, statusText } from "../../shared/response-body";
import { jsonProblem, initialRequest, toInvokeInput } from "./request-model";

describe("prettyBody", () => {
  it("indents JSON and leaves other text alone", () => {
    expect(prettyBody('{"a":[1]}', "application/json")).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyBody("a,b\n1,2", "text/csv")).toEqual({ text: "a,b\n1,2", json: false });
    expect(prettyBody("{broken", "application/json")).toEqual({ text: "{broken", json: false });
  });
  it("names the status", () => {
    expect(statusText(200, "OK")).toBe("200 OK");
    expect(statusText(599)).toBe("599");
  });
});

describe("request model", () => {
  it("prefills a valid JSON example and drops empty optional headers", () => {
    const r = initialRequest();
    expect(jsonProblem(r)).toBeNull();
    expect(toInvokeInput("/p", { ...r, accept: "", customAttributes: "" })).toMatchObject({
      accept: undefined,
      customAttributes: undefined,
    });
    expect(jsonProblem({ ...r, body: "{" })).not.toBeNull();
    expect(jsonProblem({ ...r, contentType: "text/csv", body: "{" })).toBeNull();
  });
});
