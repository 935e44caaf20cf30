// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { ExportPlan, ExportResult } from "../../../app/contract";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { ExportPanel } from "./export-panel";

afterEach(cleanup);

const artifacts = {
  files: 1,
  bytes: 120_000_000,
  thresholdBytes: 50_000_000,
  decision: "package",
  reason: "Over the threshold: left out of git; `make package` builds model.tar.gz from artifacts/.",
} as const;
const plan = (refusal?: string): ExportPlan => ({
  target: { dir: "/repos/m", exists: true, isRepository: true, branch: "main", head: "a".repeat(40), remoteUrl: "/remote.git" },
  changes: [{ path: "model/predictor.py", bytes: 1975, change: "modified" }],
  totalFiles: 40,
  artifacts,
  message: "Update m from Stagemaker\n\nmodified (1): model/predictor.py\n",
  refusal,
});
const result: ExportResult = {
  target: "/repos/m",
  branch: "main",
  commit: "0123456789abcdef0123456789abcdef01234567",
  committed: true,
  changes: plan().changes,
  artifacts,
  pushed: true,
  remoteUrl: "/remote.git",
};

describe("ExportPanel", () => {
  it("starts from the last settings, previews the files with sizes and the artifacts decision, exports and shows the commit", async () => {
    const fake = fakeApi(
      { "export.lastSettings": () => ({ to: "/repos/m", remote: "/remote.git", branch: "main" }), "export.plan": () => plan() },
      {
        "export.run": async (_input, emit) => {
          emit({ type: "step", step: "commit", message: "Committing" });
          emit({ type: "step", step: "push", message: "Pushing main to /remote.git" });
          return result;
        },
      },
    );
    renderWithApi(<ExportPanel project="/p" />, fake.api);
    await waitFor(() => expect((screen.getByTestId("export-target") as HTMLInputElement).value).toBe("/repos/m"));
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await waitFor(() => expect(screen.getByTestId("export-plan").textContent).toContain("model/predictor.py"));
    expect(screen.getByTestId("export-artifacts").textContent).toContain("make package");
    fireEvent.click(screen.getByTestId("export-push"));
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    await waitFor(() => expect(screen.getByTestId("export-commit").textContent).toBe("0123456789ab"));
    expect(screen.getByTestId("export-pushed").textContent).toContain("Pushed to /remote.git");
    expect(screen.getByTestId("export-progress").textContent).toContain("Pushing main");
    const sent = fake.log.find((l) => l.name === "export.run")!.input as Record<string, unknown>;
    expect(sent).toMatchObject({ project: "/p", to: "/repos/m", remote: "/remote.git", push: true });
    expect(sent.message).toBeUndefined();
  });

  it("warns that failing examples will fail the exported make test, and what to do", async () => {
    const fake = fakeApi({
      "export.lastSettings": () => ({ to: "/repos/m" }),
      "export.plan": () => ({ ...plan(), examples: { total: 3, failing: ["two rows"] } }),
    });
    renderWithApi(<ExportPanel project="/p" />, fake.api);
    await waitFor(() => expect((screen.getByTestId("export-target") as HTMLInputElement).value).toBe("/repos/m"));
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    const warning = await screen.findByTestId("export-examples-warning");
    expect(warning.textContent).toContain('1 of 3 examples fails now ("two rows")');
    expect(warning.textContent).toContain("stagemaker examples accept");
  });

  it("shows a refusal and will not export; a refused run says why", async () => {
    const fake = fakeApi(
      { "export.lastSettings": () => ({}), "export.plan": () => plan("/repos/m has uncommitted or untracked changes (1: README.md).") },
      {
        "export.run": async () =>
          Promise.reject(Object.assign(new Error("Export refused, nothing was written: dirty"), { code: "conflict" })),
      },
    );
    renderWithApi(<ExportPanel project="/p" />, fake.api);
    fireEvent.change(screen.getByTestId("export-target"), { target: { value: "/repos/m" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await waitFor(() => expect(screen.getByTestId("export-refusal").textContent).toContain("uncommitted"));
    expect((screen.getByRole("button", { name: "Export" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("export-branch"), { target: { value: "release" } });
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    await waitFor(() => expect(screen.getByTestId("export-error").textContent).toContain("nothing was written"));
  });

  it("cancels a running export", async () => {
    const fake = fakeApi(
      { "export.lastSettings": () => ({ to: "/repos/m" }) },
      {
        "export.run": (_i, emit, signal) => {
          emit({ type: "step", step: "schemas", message: "Reading the schemas" });
          return untilAborted(signal);
        },
      },
    );
    renderWithApi(<ExportPanel project="/p" />, fake.api);
    await waitFor(() => expect((screen.getByTestId("export-target") as HTMLInputElement).value).toBe("/repos/m"));
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    await waitFor(() => expect(screen.getByTestId("export-progress").textContent).toContain("Reading the schemas"));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByTestId("export-error").textContent).toContain("Cancelled"));
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  });
});
