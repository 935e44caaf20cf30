import { ApiError } from "../api/client";
import { describe, expect, it } from "vitest";
import { applyBuildEvent, buildFailureOf, failBuild, finishBuild, startBuild } from "./build-view";

describe("build view", () => {
  it("tracks steps, cache hits and which step printed each log line", () => {
    let v = startBuild(0);
    v = applyBuildEvent(v, { type: "context", bytes: 2048, files: 12 });
    v = applyBuildEvent(v, { type: "step", index: 1, total: 2, instruction: "FROM debian:bookworm-slim" });
    v = applyBuildEvent(v, { type: "step-done", index: 1, cached: true, durationMs: 3 });
    v = applyBuildEvent(v, { type: "step", index: 2, total: 2, instruction: "RUN pip install" });
    v = applyBuildEvent(v, { type: "log", line: "Collecting fastapi" });
    expect(v.context).toEqual({ bytes: 2048, files: 12 });
    expect(v.steps.map((s) => [s.index, s.done, s.cached])).toEqual([
      [1, true, true],
      [2, false, undefined],
    ]);
    expect(v.log.at(-1)).toEqual({ text: "Collecting fastapi", step: 2 });
    const failure = { message: "pip failed", step: 2, lastLines: ["boom"], hint: "check requirements.txt" };
    const failed = failBuild(v, buildFailureOf(new ApiError({ code: "build-failed", message: "x", detail: failure }), "x"), false);
    expect(failed.phase).toBe("failed");
    expect(failed.failure).toEqual(failure);
    expect(buildFailureOf(new ApiError({ code: "engine-unreachable", message: "down" }), "down")).toEqual({
      message: "down",
      lastLines: [],
    });
    const done = finishBuild(v, { imageId: "sha256:x", tag: "t", sizeBytes: 1, durationMs: 2, steps: 2, cachedSteps: 1 });
    expect(done.steps.every((s) => s.done)).toBe(true);
  });
});
