// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { BuildEvent } from "../../../app/contract";
import { ApiError } from "../../api/client";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { BuildPanel } from "./build-panel";

afterEach(cleanup);

const engine = {
  "engine.status": () => ({
    state: "reachable" as const,
    host: "unix:///x",
    source: "platform-default" as const,
    version: "20.10",
    apiVersion: "1.41",
    os: "linux",
    arch: "amd64",
  }),
};

describe("BuildPanel", () => {
  it("shows step progress, then the failing step and its output in red", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = fakeApi(engine, {
      "build.run": async (_input, emit) => {
        const events: BuildEvent[] = [
          { type: "context", bytes: 4096, files: 9 },
          { type: "step", index: 1, total: 2, instruction: "FROM debian:bookworm-slim" },
          { type: "step-done", index: 1, cached: true, durationMs: 0 },
          { type: "step", index: 2, total: 2, instruction: "RUN pip install nothing-such" },
          { type: "log", line: "ERROR: No matching distribution" },
        ];
        events.forEach(emit);
        await gate;
        throw new ApiError({
          code: "build-failed",
          message: "pip exited with 1",
          detail: {
            step: 2,
            instruction: "RUN pip install nothing-such",
            message: "pip exited with 1",
            lastLines: ["ERROR: No matching distribution"],
          },
        });
      },
    });
    renderWithApi(<BuildPanel project="/p" imageTag="stagemaker/p:latest" />, fake.api);
    await waitFor(() => expect(screen.getByRole("button", { name: "Build" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Build" }));

    // Events reach the screen in batches (a few per frame), so wait for them.
    await waitFor(() => expect(screen.getByTestId("build-progress").textContent).toContain("Step 2/2: RUN pip install nothing-such"));
    expect(screen.getByText("cached")).toBeTruthy();
    release();

    const error = await screen.findByTestId("build-error");
    expect(error.textContent).toContain("Build failed at step 2");
    expect(screen.queryByTestId("build-progress")).toBeNull();
    const failedStep = screen.getByText("RUN pip install nothing-such", { selector: ".step-text" }).closest("li")!;
    expect(failedStep.className).toContain("failed");
    const logLine = screen.getByText("ERROR: No matching distribution", { selector: ".log-view div" });
    expect(logLine.className).toBe("log-error");
  });

  it("shows the model's refusal before any click, with what to do, and offers no Build until it is gone", async () => {
    let refusal: object | null = {
      cause: "refused-at-intake",
      artifact: "model.pkl",
      message: "artifacts/model.pkl was refused when Stagemaker read it: a pickle of mymodel.Doubler.",
      todo: "What to do: write model/predictor.py yourself so that it loads artifacts/model.pkl.",
    };
    const fake = fakeApi({ ...engine, "model.refusal": () => refusal as never }, {});
    const { client } = renderWithApi(<BuildPanel project="/r" imageTag="t" />, fake.api);
    const banner = await screen.findByTestId("model-refusal");
    expect(banner.textContent).toContain("mymodel.Doubler");
    expect(banner.textContent).toContain("write model/predictor.py yourself");
    expect(screen.getByRole("button", { name: "Build" })).toHaveProperty("disabled", true);
    // The person saves a predictor of their own: the files are invalidated and the refusal asked again.
    refusal = null;
    await client.invalidateQueries({ queryKey: ["files", "/r"] });
    await waitFor(() => expect(screen.queryByTestId("model-refusal")).toBeNull());
    await waitFor(() => expect(screen.getByRole("button", { name: "Build" })).toHaveProperty("disabled", false));
  });

  it("cancels a running build", async () => {
    const fake = fakeApi(engine, { "build.run": (_i, _e, signal) => untilAborted(signal) });
    renderWithApi(<BuildPanel project="/q" imageTag="t" />, fake.api);
    await waitFor(() => expect(screen.getByRole("button", { name: "Build" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Build" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    await screen.findByText("Build cancelled.");
  });
});
