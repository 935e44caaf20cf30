import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resultSchema } from "./result";

describe("the result envelope", () => {
  it("parses an error with no detail (not-found, conflict…), as faces send them", () => {
    const parsed = resultSchema(z.string()).safeParse({
      ok: false,
      error: { code: "not-found", message: "/x is not a Stagemaker project" },
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({ ok: false, error: { code: "not-found", message: "/x is not a Stagemaker project" } });
  });

  it("keeps a run failure's reason, hint and last lines", () => {
    const detail = {
      containerId: "c",
      hostPort: 8080,
      exitCode: null,
      reason: "The predictor failed to load: ValueError: x",
      hint: "add `numpy<2`",
      lastLogs: ["Traceback"],
    };
    const parsed = resultSchema(z.string()).parse({ ok: false, error: { code: "run-failed", message: detail.reason, detail } });
    expect(parsed).toEqual({ ok: false, error: { code: "run-failed", message: detail.reason, detail } });
  });
});
