// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { TransformResult, TransformSettings } from "../../../app/contract";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { TransformPanel } from "./transform-panel";

afterEach(cleanup);

const settings: TransformSettings = {
  batchStrategy: "MultiRecord",
  maxPayloadInMB: 6,
  maxConcurrentTransforms: 1,
  source: { batchStrategy: "container", maxPayloadInMB: "job", maxConcurrentTransforms: "default" },
  endpoint: "own-container",
};
const progress = (records: number, bytesDone: number) => ({
  records,
  requests: 1,
  bytesDone,
  bytesTotal: 1000,
  recordsPerSecond: 250,
  etaSeconds: 3,
  elapsedMs: 1000,
});

describe("TransformPanel", () => {
  it("sends the job's settings, shows progress with rate and ETA, then the failures by record range", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = fakeApi(
      { "transform.last": () => null },
      {
        "transform.run": async (_input, emit) => {
          emit({ type: "settings", settings, files: 1 });
          emit({ type: "progress", progress: progress(250, 400) });
          await gate;
          const failure = {
            file: "a.csv",
            firstRecord: 7,
            lastRecord: 9,
            status: 422,
            body: "field2: not a number",
            message: "HTTP 422 from /invocations",
          };
          emit({ type: "failure", failure });
          return {
            status: "Failed",
            settings,
            files: [{ input: "/in/a.csv", output: null, records: 10, requests: 2 }],
            failures: [failure],
            progress: progress(10, 1000),
          } satisfies TransformResult;
        },
      },
    );
    renderWithApi(<TransformPanel target="/p" />, fake.api);
    fireEvent.change(screen.getByLabelText("Input (file or folder)"), { target: { value: "/in" } });
    fireEvent.change(screen.getByLabelText("Output folder"), { target: { value: "/out" } });
    fireEvent.change(screen.getByLabelText("MaxPayloadInMB"), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText("JoinSource"), { target: { value: "Input" } });
    fireEvent.click(screen.getByRole("button", { name: "Start transform" }));
    await waitFor(() =>
      expect(screen.getByTestId("transform-progress").textContent).toContain(
        "40% · 250 records · 400 B of 1.0 kB · 250 records/s · ETA 3.0 s",
      ),
    );
    expect(screen.getByRole("progressbar").getAttribute("value")).toBe("40");
    expect(fake.log.find((l) => l.name === "transform.run")?.input).toMatchObject({
      target: "/p",
      input: "/in",
      output: "/out",
      maxPayloadInMB: 2,
      joinSource: "Input",
      batchStrategy: undefined,
    });
    release();
    await waitFor(() => expect(screen.getByTestId("transform-result").textContent).toContain("Failed"));
    expect(screen.getByTestId("transform-failures").textContent).toContain("7–9");
    expect(screen.getByTestId("transform-failures").textContent).toContain("field2: not a number");
  });

  it("Cancel stops the job and says no .out was written", async () => {
    const fake = fakeApi(
      { "transform.last": () => null },
      { "transform.run": async (_i, emit, signal) => (emit({ type: "progress", progress: progress(1, 1) }), untilAborted(signal)) },
    );
    renderWithApi(<TransformPanel target="/q" />, fake.api);
    fireEvent.change(screen.getByLabelText("Input (file or folder)"), { target: { value: "/in" } });
    fireEvent.change(screen.getByLabelText("Output folder"), { target: { value: "/out" } });
    fireEvent.click(screen.getByRole("button", { name: "Start transform" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Cancel" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByText(/Cancelled: no .out was written/)).toBeTruthy());
  });
});
