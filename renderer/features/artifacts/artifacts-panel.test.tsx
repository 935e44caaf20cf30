// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import type { Artifact } from "../../../app/contract";
import { fakeApi, renderWithApi, untilAborted } from "../../testing/fake-api";
import { ArtifactsPanel } from "./artifacts-panel";

afterEach(cleanup);

function pick(files: File[]) {
  const input = screen.getByTestId("artifact-input");
  Object.defineProperty(input, "files", { value: files, configurable: true });
  fireEvent.change(input);
}

describe("ArtifactsPanel", () => {
  it("copies picked files with progress and lists them with human sizes", async () => {
    let onDisk: Artifact[] = [];
    const fake = fakeApi({ "artifacts.list": () => onDisk }, {}, async (files, onProgress) => {
      for (const f of files) onProgress({ file: f.relPath, bytesDone: f.file.size, bytesTotal: f.file.size });
      onDisk = files.map((f) => ({ path: f.relPath, size: f.file.size }));
      return onDisk;
    });
    renderWithApi(<ArtifactsPanel project="/p" />, fake.api);
    await screen.findByText("No artifacts yet.");
    pick([new File([new Uint8Array(123_456)], "weights.bin")]);
    const row = (await within(screen.getByTestId("artifact-list")).findByText("weights.bin")).closest("tr")!;
    expect(row.textContent).toContain("123 kB");
    expect(screen.getByTestId("artifact-upload").textContent).toContain("Added 1 file (123 kB)");
  });

  it("cancel stops the copy and says nothing partial was kept", async () => {
    const fake = fakeApi({ "artifacts.list": () => [] }, {}, (files, onProgress, signal) => {
      onProgress({ file: files[0]!.relPath, bytesDone: 500, bytesTotal: 1000 });
      return untilAborted(signal);
    });
    renderWithApi(<ArtifactsPanel project="/p" />, fake.api);
    pick([new File([new Uint8Array(1000)], "big.onnx")]);
    expect((await screen.findByTestId("artifact-upload")).textContent).toContain("500 B of 1.0 kB (50%)");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect((await screen.findByText("Cancelled — nothing partial was kept.")).textContent).toBeTruthy();
  });
});
