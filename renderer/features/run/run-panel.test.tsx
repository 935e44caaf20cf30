// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { ContainerState, SettingsView, UserSettings } from "../../../app/contract";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { templateProject } from "../../testing/template-project";
import { RunPanel } from "./run-panel";

afterEach(cleanup);

/** What settings.get answers when only `saved` is set: nothing from the environment, no CA bundle found. */
const settingsView = (saved: UserSettings): SettingsView => ({
  saved,
  file: "f",
  effective: {
    caBundle: { value: null, source: "x" },
    httpProxy: { value: null, source: "x" },
    httpsProxy: { value: null, source: "x" },
    noProxy: { value: null, source: "x" },
    pipIndexUrl: { value: null, source: "x" },
    pipExtraIndexUrl: { value: null, source: "x" },
  },
  detectedCaBundles: [],
});

describe("RunPanel", () => {
  it("shows a start waiting for /ping with its log, and Stop ends it", async () => {
    let state: ContainerState = { state: "stopped" };
    let stops = 0;
    const fake = fakeApi(
      {
        "run.status": () => state,
        "run.stop": () => {
          stops++;
          state = { state: "stopped" };
          return state;
        },
      },
      {
        "run.start": (_i, emit, signal) => {
          emit({ type: "created", containerId: "c1", hostPort: 49153 });
          emit({ type: "log", stream: "stderr", line: "loading weights…" });
          emit({ type: "waiting", elapsedMs: 1500, limitMs: 240000, lastPing: "HTTP 503" });
          return untilAborted(signal);
        },
      },
    );
    renderWithApi(<RunPanel project={templateProject} />, fake.api);
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
    const failed: ContainerState = {
      state: "failed",
      containerId: "c2",
      exitCode: 3,
      reason: "The server stopped.",
      hint: "Check the weights.",
      lastLogs: ["Traceback …", "RuntimeError: weights missing"],
    };
    const fake = fakeApi(
      { "run.status": () => ({ state: "stopped" }) },
      { "run.start": async () => failed, "run.logs": (_i, _e, signal) => untilAborted(signal) },
    );
    renderWithApi(<RunPanel project={templateProject} />, fake.api);
    await waitFor(() => expect(screen.getByRole("button", { name: "Run" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("failed · exit code 3 — The server stopped."));
    expect(screen.getByText(/RuntimeError: weights missing/).textContent).toContain("Traceback");
    expect(screen.getByTestId("run-hint").textContent).toContain("Check the weights.");
    // The container is kept for its log: everything but Run works on it.
    for (const name of ["Restart", "Reload code", "Stop"]) expect(screen.getByRole("button", { name })).toHaveProperty("disabled", false);
    expect(screen.getByRole("button", { name: "Run" })).toHaveProperty("disabled", true);
  });

  it("a reload that fails shows reloading, then failed; the container's next save can reload again", async () => {
    const fake = fakeApi(
      {
        "run.status": () => ({ state: "healthy", containerId: "c3", hostPort: 49200, image: "i", imageId: "sha256:a" }),
        "settings.get": () => settingsView({ caBundleMode: "auto", restartAfterBuild: false }),
      },
      {
        "run.reload": async (_i, emit) => {
          emit({ type: "log", stream: "stderr", line: "SyntaxError: invalid syntax" });
          return {
            state: "failed",
            containerId: "c3",
            hostPort: 49200,
            exitCode: null,
            reason: "The predictor failed to load: SyntaxError: invalid syntax",
            hint: "Fix the syntax error in model/ and save",
            lastLogs: [],
          };
        },
        "run.logs": (_i, _e, signal) => untilAborted(signal),
      },
    );
    renderWithApi(<RunPanel project={templateProject} />, fake.api);
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toContain("healthy"));
    fireEvent.click(screen.getByRole("button", { name: "Reload code" }));
    await waitFor(() =>
      expect(screen.getByTestId("run-state").textContent).toContain("failed · The predictor failed to load: SyntaxError"),
    );
    expect(screen.getByTestId("run-log").textContent).toContain("SyntaxError: invalid syntax");
    expect(screen.getByRole("button", { name: "Reload code" })).toHaveProperty("disabled", false);
  });

  it("offers 'Keep running after quit', the per-user setting, and saves the choice", async () => {
    const view = settingsView({ caBundleMode: "auto", restartAfterBuild: false, keepRunningAfterQuit: false });
    const fake = fakeApi(
      {
        "run.status": () => ({ state: "stopped" }),
        "settings.get": () => view,
        "settings.save": (saved) => ({ ...view, saved: { ...view.saved, ...saved } }),
      },
      {},
    );
    renderWithApi(<RunPanel project={templateProject} />, fake.api);
    const box = await screen.findByTestId("keep-running-after-quit");
    expect(box).toHaveProperty("checked", false);
    fireEvent.click(box);
    await waitFor(() =>
      expect(fake.log.find((l) => l.name === "settings.save")?.input).toMatchObject({
        keepRunningAfterQuit: true,
        restartAfterBuild: false,
      }),
    );
  });
});
