// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { HistoryEntry, InvocationResult, InvokeInput } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { InvokePanel } from "./invoke-panel";

afterEach(cleanup);

const answer = (body: string, status = 200): InvocationResult => ({
  status,
  statusText: status === 200 ? "OK" : undefined,
  headers: { "content-type": "application/json", "x-amzn-sagemaker-custom-attributes": "seen" },
  body,
  bodyBytes: body.length,
  truncated: false,
  timings: { totalMs: 4.2, ttfbMs: 3.9 },
});

function setup(state: "healthy" | "stopped", history: HistoryEntry[] = [], instancePy?: string) {
  const sent: InvokeInput[] = [];
  const fake = fakeApi({
    ...(instancePy ? { "files.read": ({ path }: { path: string }) => ({ path, content: instancePy, size: instancePy.length }) } : {}),
    "containers.status": () => (state === "healthy" ? { state, containerId: "c1", hostPort: 8080, image: "i" } : { state }),
    "invocations.history": () => history,
    "invocations.send": (input) => {
      sent.push(input as InvokeInput);
      return answer('{"predictions":[{"output_field":"asdf:2.4"}]}');
    },
  });
  renderWithApi(<InvokePanel project="/p" />, fake.api);
  return { sent };
}

describe("InvokePanel", () => {
  it("prefills a valid example, sends the chosen headers and shows status, timings, pretty and raw body", async () => {
    const { sent } = setup("healthy");
    const body = screen.getByTestId("request-body") as HTMLTextAreaElement;
    expect(JSON.parse(body.value)).toEqual({ instances: [{ field1: "asdf", field2: 1.2 }] });

    fireEvent.change(screen.getByLabelText("Accept"), { target: { value: "text/csv" } });
    fireEvent.change(screen.getByLabelText(/Custom attributes/), { target: { value: "trace=1" } });
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", false));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));

    await screen.findByText("200 OK");
    expect(sent[0]).toMatchObject({ project: "/p", path: "/invocations", contentType: "application/json", accept: "text/csv", customAttributes: "trace=1" });
    expect(screen.getByTestId("response-timing").textContent).toBe("total 4.2 ms · TTFB 3.9 ms");
    expect(screen.getByTestId("response-body").textContent).toContain('"output_field": "asdf:2.4"');
    expect(screen.getByTestId("response-headers").textContent).toContain("x-amzn-sagemaker-custom-attributes");
    fireEvent.click(screen.getByRole("button", { name: "Raw" }));
    expect(screen.getByTestId("response-body").textContent).toBe('{"predictions":[{"output_field":"asdf:2.4"}]}');
  });

  it("re-sends a request from the history as it was", async () => {
    const old: HistoryEntry = {
      id: "h1",
      at: "2026-01-01T10:00:00.000Z",
      request: { path: "/invocations", body: "a,b\n1,2", contentType: "text/csv", accept: "text/csv", timeoutMs: 65000 },
      result: answer("x", 415),
    };
    const { sent } = setup("healthy", [old]);
    const list = screen.getByTestId("invocation-history");
    fireEvent.click(await within(list).findByRole("button", { name: /Re-send/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ body: "a,b\n1,2", contentType: "text/csv", accept: "text/csv" });
  });

  it("prefills from model/instance.py and follows the content type until the body is edited", async () => {
    setup("healthy", [], "class Instance(BaseModel):\n    name: str\n    age: int = 42\n");
    const body = screen.getByTestId("request-body") as HTMLTextAreaElement;
    await waitFor(() => expect(JSON.parse(body.value)).toEqual({ instances: [{ name: "asdf", age: 42 }] }));
    fireEvent.change(screen.getByLabelText("Content type"), { target: { value: "text/csv" } });
    expect(body.value).toBe("asdf,42");
    fireEvent.change(body, { target: { value: "bob,7" } });
    fireEvent.change(screen.getByLabelText("Content type"), { target: { value: "application/jsonlines" } });
    expect(body.value).toBe("bob,7");
    fireEvent.click(screen.getByRole("button", { name: "Example" }));
    expect(body.value).toBe('{"name":"asdf","age":42}');
  });

  it("says to run the project first when no container is healthy", async () => {
    setup("stopped");
    await screen.findByText("Run the project first (Run tab).");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);
  });
});
