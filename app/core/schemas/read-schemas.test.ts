import { describe, expect, it } from "vitest";
import { StagemakerError } from "../../contract";
import { parseAnswer } from "./read-schemas";

const refusal = (stdout: string, stderr: string, exitCode = 1) => {
  try {
    parseAnswer({ stdout, stderr, exitCode });
  } catch (e) {
    expect(e).toBeInstanceOf(StagemakerError);
    return e as StagemakerError;
  }
  throw new Error("parseAnswer accepted it");
};

describe("what the schema reader printed", () => {
  it("takes the report on the last line", () => {
    const report = {
      instance: { type: "object" },
      prediction: { type: "object" },
      fieldOrder: { instance: [], prediction: [] },
      pydantic: "2",
      sources: { instance: { editable: true, problems: [] }, prediction: { editable: true, problems: [] } },
    };
    expect(parseAnswer({ stdout: `a warning\n${JSON.stringify(report)}\n`, stderr: "", exitCode: 0 })).toMatchObject({ pydantic: "2" });
  });

  it("refuses a project made before the reader existed, saying what to copy", () => {
    const e = refusal("", "/usr/local/bin/python: No module named server.schema\n");
    expect(e.code).toBe("invalid-input");
    expect(e.message).toMatch(/no schema reader \(tools\/schema\.py\).*Copy server\/ and tools\/ from a project made now/);
  });

  it("tells a model that does not import from a reader that printed nothing", () => {
    const broken = refusal('{"error": "NameError: name \'Fild\' is not defined"}', "Traceback …");
    expect(broken.code).toBe("invalid-input");
    expect(broken.message).toContain("does not import: NameError");
    const silent = refusal("", "Killed", 137);
    expect(silent.code).toBe("run-failed");
    expect(silent.message).toContain("exit 137");
  });
});
