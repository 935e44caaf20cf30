// @vitest-environment happy-dom
// The Invoke tab with a tensor field: a .npy loaded into the form, sent as application/x-npy (bytes,
// base64 to the core), and an NPY answer decoded into an array rather than shown as mangled text.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { base64ToBytes, bytesToBase64, type InvocationResult, type InvokeInput, readNpy, writeNpy } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { readSchemas } from "../../testing/model-schemas";
import { InvokePanel } from "./invoke-panel";

afterEach(cleanup);

const seq = (depth: number): object => (depth ? { type: "array", items: seq(depth - 1) } : { type: "number" });
const SCHEMAS = readSchemas({
  instance: { title: "Instance", type: "object", required: ["pixels"], properties: { pixels: { title: "Pixels", ...seq(2) } } },
  prediction: { title: "Prediction", type: "object", properties: { label: { type: "integer" } } },
  fieldOrder: { instance: ["pixels"], prediction: ["label"] },
});

const npyAnswer = (values: number[][]): InvocationResult => {
  const bytes = writeNpy(values, "f8");
  return {
    status: 200,
    statusText: "OK",
    headers: { "content-type": "application/x-npy" },
    body: bytesToBase64(bytes),
    bodyEncoding: "base64",
    bodyBytes: bytes.length,
    truncated: false,
    timings: { totalMs: 3 },
  };
};

describe("Invoke with a tensor field", () => {
  it("loads a .npy batch into the form, sends it as application/x-npy bytes, and shows the NPY answer as an array", async () => {
    const sent: InvokeInput[] = [];
    const fake = fakeApi({
      "schemas.read": () => SCHEMAS,
      "run.status": () => ({ state: "healthy", containerId: "c1", hostPort: 8080, image: "i" }),
      "invoke.history": () => [],
      "invoke.send": (input) => {
        sent.push(input as InvokeInput);
        return npyAnswer([
          [1, 0.25],
          [0, 0.75],
        ]);
      },
    });
    renderWithApi(<InvokePanel project="/p" />, fake.api);
    const field = await screen.findByTestId("tensor-field-pixels");
    expect(field.textContent).toContain("2 dimensions per instance");
    const images = [
      [
        [0.5, 1.5],
        [2.5, 3.5],
      ],
      [
        [4.5, 5.5],
        [6.5, 7.5],
      ],
    ];
    const file = new File([writeNpy(images, "f4") as Uint8Array<ArrayBuffer>], "images.npy");
    fireEvent.change(screen.getByLabelText("Load pixels from a .npy file"), { target: { files: [file] } });
    await screen.findByRole("button", { name: "Table (2)" });
    fireEvent.change(screen.getByLabelText("Content type"), { target: { value: "application/x-npy" } });
    fireEvent.click(screen.getByRole("button", { name: "NPY" }));
    expect((await screen.findByTestId("npy-summary")).textContent).toContain("float32 (2, 2, 2)");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByText("200 OK");
    expect(sent[0]).toMatchObject({ contentType: "application/x-npy", bodyEncoding: "base64" });
    expect(readNpy(base64ToBytes(sent[0]!.body)).values).toEqual(images);
    expect(screen.getByTestId("response-binary").textContent).toBe("NPY float64 (2, 2) · 96 bytes");
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId("response-body").textContent!)).toEqual([
        [1, 0.25],
        [0, 0.75],
      ]),
    );
    fireEvent.click(screen.getByRole("button", { name: "Raw" }));
    expect(screen.getByTestId("response-body").textContent).toMatch(
      /^96 bytes of application\/x-npy; the first 96 in hex:\n93 4e 55 4d 50 59/,
    );
  });

  it("a handler project (no schema) takes a pasted JSON nested list as its NPY body", async () => {
    const sent: InvokeInput[] = [];
    const fake = fakeApi({
      "projects.open": () => ({
        dir: "/h",
        manifest: {
          name: "h",
          templateVersion: "1",
          baseImage: "debian:bookworm-slim",
          imageTag: "stagemaker/h:latest",
          env: [{ name: "SAGEMAKER_PROGRAM", value: "inference.py" }],
          run: { hostPort: 0 },
          bakeArtifacts: false,
        } as never,
      }),
      "schemas.read": () => {
        throw new Error("a handler project has no schema");
      },
      "run.status": () => ({ state: "healthy", containerId: "c1", hostPort: 8080, image: "i" }),
      "invoke.history": () => [],
      "invoke.send": (input) => {
        sent.push(input as InvokeInput);
        return npyAnswer([[2]]);
      },
    });
    renderWithApi(<InvokePanel project="/h" />, fake.api);
    await screen.findByTestId("handler-body-note");
    fireEvent.change(screen.getByLabelText("Content type"), { target: { value: "application/x-npy" } });
    await screen.findByText(/No array yet/);
    fireEvent.change(screen.getByLabelText("A JSON nested list to send as NPY"), { target: { value: "[[1, 2.5], [3, 4]]" } });
    fireEvent.click(screen.getByRole("button", { name: "Use as the body" }));
    expect((await screen.findByTestId("npy-summary")).textContent).toContain("float32 (2, 2)");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByText("200 OK");
    expect(sent[0]).toMatchObject({ contentType: "application/x-npy", bodyEncoding: "base64" });
    expect(readNpy(base64ToBytes(sent[0]!.body)).values).toEqual([
      [1, 2.5],
      [3, 4],
    ]);
  });
});
