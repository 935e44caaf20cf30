// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { Example, HistoryEntry } from "../../../app/contract";
import { ApiError } from "../../api/client";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { InvocationHistory } from "./invocation-history";

afterEach(cleanup);

const entry: HistoryEntry = {
  id: "h1",
  at: "2026-12-03T09:00:00.000Z",
  request: { path: "/invocations", contentType: "application/json", body: '{"instances":[{"x":1}]}', timeoutMs: 60_000 },
  result: {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"predictions":[2]}',
    bodyBytes: 19,
    truncated: false,
    timings: { totalMs: 4 },
  },
};
const saved: Example = {
  name: "one",
  file: "one.json",
  request: { ...entry.request },
  expected: { status: 200, body: entry.result.body },
  match: { floatAbs: 1e-6, floatRel: 1e-6, ignore: [] },
};

describe("InvocationHistory", () => {
  it("saves an entry as an example, confirms the file written, and offers to overwrite a name already taken", async () => {
    const fake = fakeApi({
      "invoke.history": () => [entry],
      "examples.save": (input) => {
        if (!(input as { overwrite?: boolean }).overwrite)
          throw new ApiError({
            code: "conflict",
            message: 'An example named "one" exists (examples/one.json). Pick another name or overwrite it.',
          });
        return saved;
      },
    });
    renderWithApi(<InvocationHistory project="/p" onShow={() => undefined} onResend={() => undefined} />, fake.api);
    fireEvent.click(await screen.findByRole("button", { name: /^Save as example/ }));
    fireEvent.change(screen.getByLabelText("Example name"), { target: { value: "one" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    fireEvent.click(await screen.findByRole("button", { name: "Overwrite it" }));
    await waitFor(() => expect(screen.getByTestId("example-saved").textContent).toContain("examples/one.json"));
    expect(screen.queryByLabelText("Example name")).toBeNull();
    expect(fake.log.filter((l) => l.name === "examples.save").map((l) => (l.input as { overwrite?: boolean }).overwrite)).toEqual([
      undefined,
      true,
    ]);
  });
});
