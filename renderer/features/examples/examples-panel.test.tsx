// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { Example, ExampleOutcome } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { ExamplesPanel } from "./examples-panel";

afterEach(cleanup);

const example: Example = {
  name: "two rows",
  file: "two-rows.json",
  request: { path: "/invocations", contentType: "application/json", body: '{"instances":[{"x":1}]}' },
  expected: { status: 200, contentType: "application/json", body: '{"predictions":[2.0]}' },
  match: { floatAbs: 1e-6, floatRel: 1e-6, ignore: [] },
};
const outcome = (passed: boolean): ExampleOutcome => ({
  name: example.name,
  file: example.file,
  passed,
  status: 200,
  differences: passed ? [] : [{ path: "predictions.0", expected: "2.0", got: "3.0" }],
  got: { status: 200, contentType: "application/json", body: '{"predictions":[3.0]}' },
  expected: example.expected,
  ms: 4,
});

describe("ExamplesPanel", () => {
  it("offers a failing example's answer as the new expected one, writes it, and replays the example", async () => {
    let accepted = false;
    const fake = fakeApi({
      "examples.list": () => [example],
      "run.status": () => ({ state: "healthy", containerId: "c", hostPort: 8080, image: "i" }),
      "examples.run": () => ({
        passed: accepted ? 1 : 0,
        failed: accepted ? 0 : 1,
        outcomes: [outcome(accepted)],
        at: new Date().toISOString(),
      }),
      "examples.accept": () => ((accepted = true), { ...example, expected: outcome(false).got as Example["expected"] }),
    });
    renderWithApi(<ExamplesPanel project="/p" />, fake.api);
    const runAll = await screen.findByRole("button", { name: "Run all" });
    await waitFor(() => expect(runAll).toHaveProperty("disabled", false));
    fireEvent.click(runAll);
    await waitFor(() => expect(screen.getByTestId("examples-summary").textContent).toBe("0 passed, 1 failed"));
    expect(screen.getByTestId("example-diff").textContent).toContain("predictions.0");
    fireEvent.click(screen.getByRole("button", { name: "Accept this answer as the new expected" }));
    await waitFor(() => expect(screen.getByTestId("examples-summary").textContent).toBe("1 passed, 0 failed"));
    expect(fake.log.find((l) => l.name === "examples.accept")?.input).toEqual({
      project: "/p",
      name: "two rows",
      answer: { status: 200, contentType: "application/json", body: '{"predictions":[3.0]}' },
    });
    expect(fake.log.filter((l) => l.name === "examples.run").at(-1)?.input).toEqual({ project: "/p", names: ["two rows"] });
    expect(screen.queryByTestId("example-diff")).toBeNull();
  });
});
