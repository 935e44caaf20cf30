// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { CheckPoint, CheckReport } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { ReadinessPanel } from "./readiness-panel";

afterEach(cleanup);

const sigterm: CheckPoint = {
  id: "sigterm",
  title: "SIGTERM stops the container within 30 s",
  status: "fail",
  evidence: [{ command: "docker stop -t 30 CONTAINER", status: "exited with code 137 (SIGKILL after the grace period)", ms: 30_100 }],
  hint: "The server ignored SIGTERM",
};
const platform: CheckPoint = {
  id: "platform",
  title: "The image is linux/amd64",
  status: "pass",
  evidence: [{ command: "docker image inspect", status: "linux/amd64" }],
};

describe("ReadinessPanel", () => {
  it("streams the points in, opens a failed one with its evidence and hint, and asks with the memory limit", async () => {
    const fake = fakeApi(
      { "readiness.last": () => null },
      {
        "readiness.run": async (input, emit) => {
          emit({ type: "point", point: platform });
          emit({ type: "point", point: sigterm });
          return { image: "stagemaker/p:latest", at: "now", ok: false, points: [sigterm, platform] } satisfies CheckReport;
        },
      },
    );
    renderWithApi(<ReadinessPanel project="/p" imageTag="stagemaker/p:latest" />, fake.api);
    fireEvent.change(screen.getByLabelText("Memory limit (MB)"), { target: { value: "512" } });
    fireEvent.click(screen.getByRole("button", { name: "Check SageMaker readiness" }));
    await waitFor(() => expect(screen.getByTestId("checks-summary").textContent).toBe("Not ready: 1 point failed."));
    const failed = screen.getByTestId("check-sigterm");
    expect(failed.textContent).toContain("exited with code 137 (SIGKILL after the grace period)");
    expect(failed.textContent).toContain("The server ignored SIGTERM");
    expect(failed.querySelector("details")?.open).toBe(true);
    expect(screen.getByTestId("check-platform").querySelector("details")?.open).toBe(false);
    expect(fake.log.find((l) => l.name === "readiness.run")?.input).toMatchObject({
      project: "/p",
      instanceType: "ml.m5.large",
      memoryMb: 512,
    });
  });

  it("shows the last report after a restart", async () => {
    const fake = fakeApi({ "readiness.last": () => ({ image: "stagemaker/p:latest", at: "then", ok: true, points: [platform] }) });
    renderWithApi(<ReadinessPanel project="/p" imageTag="stagemaker/p:latest" />, fake.api);
    await waitFor(() => expect(screen.getByTestId("checks-summary").textContent).toContain("Ready for SageMaker"));
  });
});
