import { describe, expect, it } from "vitest";
import type { BuildEvent } from "../../contract";
import { BuildProgress } from "./build-progress";

describe("BuildProgress", () => {
  it("reports steps, cache hits and per-step durations from the engine's stream", () => {
    const events: BuildEvent[] = [];
    let t = 0;
    const p = new BuildProgress(
      (e) => events.push(e),
      () => t,
    );
    p.push({ stream: "Step 1/3 : FROM debian:bookworm-slim\n" });
    p.push({ stream: " ---> 189542b9a3f1\n" });
    t = 100;
    p.push({ stream: "Step 2/3 : RUN echo hi\n ---> Using cache\n ---> abc\n" });
    t = 150;
    p.push({ stream: "Step 3/3 : RUN echo " });
    p.push({ stream: "there\n" });
    p.push({ stream: "there\n" });
    t = 1150;
    p.push({ aux: { ID: "sha256:feed" } });
    p.push({ stream: "Successfully built feed\n" });
    p.end();
    expect(events.filter((e) => e.type === "step")).toEqual([
      { type: "step", index: 1, total: 3, instruction: "FROM debian:bookworm-slim" },
      { type: "step", index: 2, total: 3, instruction: "RUN echo hi" },
      { type: "step", index: 3, total: 3, instruction: "RUN echo there" },
    ]);
    expect(events.filter((e) => e.type === "step-done")).toEqual([
      { type: "step-done", index: 1, cached: false, durationMs: 100 },
      { type: "step-done", index: 2, cached: true, durationMs: 50 },
      { type: "step-done", index: 3, cached: false, durationMs: 1000 },
    ]);
    expect(p.cachedSteps).toBe(1);
    expect(p.imageId).toBe("sha256:feed");
    expect(p.failure).toBeUndefined();
  });

  it("leaves the LABEL steps the engine appends for the build's labels out of the count", () => {
    const events: BuildEvent[] = [];
    const p = new BuildProgress(
      (e) => events.push(e),
      () => 0,
      2,
    );
    p.push({ stream: "Step 1/3 : FROM debian:bookworm-slim\n ---> 189542b9a3f1\n" });
    p.push({ stream: "Step 2/3 : LABEL com.stagemaker.project-folder=/p\n ---> Running in 1\n" });
    p.push({ stream: "Step 3/3 : LABEL com.stagemaker.project-id=abcd1234\n ---> Running in 2\n" });
    p.end();
    expect(events.filter((e) => e.type === "step")).toEqual([
      { type: "step", index: 1, total: 1, instruction: "FROM debian:bookworm-slim" },
    ]);
    expect(events.filter((e) => e.type === "step-done").map((e) => e.type === "step-done" && e.index)).toEqual([1]);
    expect(p.steps).toBe(1);
  });

  it("names the failing step and keeps its last lines", () => {
    const p = new BuildProgress(() => undefined);
    p.push({ stream: "Step 1/2 : FROM x\n" });
    p.push({ stream: "Step 2/2 : RUN false-ish\n" });
    p.push({ stream: "/bin/sh: 1: false-ish: not found\n" });
    p.push({
      error: "The command '/bin/sh -c false-ish' returned a non-zero code: 127",
      errorDetail: { code: 127, message: "The command '/bin/sh -c false-ish' returned a non-zero code: 127" },
    });
    p.end();
    expect(p.failure).toMatchObject({ step: 2, instruction: "RUN false-ish", message: expect.stringContaining("non-zero code: 127") });
    expect(p.failure?.lastLines).toContain("/bin/sh: 1: false-ish: not found");
  });
});
