// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { ContainerState, Project } from "../../../app/contract";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { RunPanel } from "./run-panel";

afterEach(cleanup);

const project: Project = {
  dir: "/p",
  manifest: { name: "p", templateVersion: "0.1.0", baseImage: "debian:bookworm-slim", imageTag: "stagemaker/p:latest", env: [], run: { healthTimeoutSeconds: 240, hostPort: 0, devMode: true }, bakeArtifacts: false },
};

describe("RunPanel", () => {
  it("shows a start waiting for /ping with its log, and Stop ends it", async () => {
    let state: ContainerState = { state: "stopped" };
    let stops = 0;
    const fake = fakeApi(
      {
        "containers.status": () => state,
        "containers.stop": () => {
          stops++;
          state = { state: "stopped" };
          return state;
        },
      },
      {
        "containers.run": (_i, emit, signal) => {
          emit({ type: "created", containerId: "c1", hostPort: 49153 });
          emit({ type: "log", stream: "stderr", line: "loading weights…" });
          emit({ type: "waiting", elapsedMs: 1500, limitMs: 240000, lastPing: "HTTP 503" });
          return untilAborted(signal);
        },
      },
    );
    renderWithApi(<RunPanel project={project} />, fake.api);
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("stopped"));
    fireEvent.click(screen.getByRole("button", { name: "Run" }));

    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("starting"));
    expect(screen.getByTestId("run-state").textContent).toContain("last: HTTP 503");
    expect(screen.getByTestId("host-port").textContent).toBe("http://127.0.0.1:49153");
    await waitFor(() => expect(screen.getByTestId("run-log").textContent).toContain("loading weights…"));

    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("stopped"));
    expect(stops).toBe(1);
  });

  it("a failed start shows the exit code, the reason and the last lines", async () => {
    const failed: ContainerState = { state: "failed", containerId: "c2", exitCode: 3, reason: "The server exited with code 3.", lastLogs: ["Traceback …", "RuntimeError: weights missing"] };
    const fake = fakeApi({ "containers.status": () => ({ state: "stopped" }) }, { "containers.run": async () => failed, "containers.logs": (_i, _e, signal) => untilAborted(signal) });
    renderWithApi(<RunPanel project={project} />, fake.api);
    await waitFor(() => expect(screen.getByRole("button", { name: "Run" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("failed · exit code 3 — The server exited with code 3."));
    expect(screen.getByText(/RuntimeError: weights missing/).textContent).toContain("Traceback");
  });
});
