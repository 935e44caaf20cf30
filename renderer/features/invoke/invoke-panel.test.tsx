// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { HistoryEntry, InvocationResult, InvokeInput } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { readSchemas } from "../../testing/model-schemas";
import { InvokePanel } from "./invoke-panel";

afterEach(cleanup);

const answer = (body: string, status = 200, contentType = "application/json"): InvocationResult => ({
  status,
  statusText: status === 200 ? "OK" : undefined,
  headers: { "content-type": contentType, "x-amzn-sagemaker-custom-attributes": "seen" },
  body,
  bodyBytes: body.length,
  truncated: false,
  timings: { totalMs: 4.2, ttfbMs: 3.9 },
});

/** What pydantic 2 reports for an Instance with an enum, a bounded int and a list of a nested model. */
const SCHEMAS = readSchemas({
  instance: {
    title: "Instance",
    type: "object",
    required: ["city", "rooms", "kind"],
    properties: {
      city: { type: "string", title: "City", description: "Where it is", examples: ["Paris"] },
      rooms: { type: "integer", title: "Rooms", minimum: 1, maximum: 20 },
      kind: { enum: ["flat", "house"], type: "string", title: "Kind" },
      parts: { type: "array", items: { $ref: "#/$defs/Part" }, default: [] },
    },
    $defs: { Part: { type: "object", title: "Part", required: ["name"], properties: { name: { type: "string", title: "Name" } } } },
  },
  prediction: { title: "Prediction", type: "object", required: ["price"], properties: { price: { type: "number", title: "Price" } } },
  fieldOrder: { instance: ["city", "rooms", "kind", "parts"], prediction: ["price"] },
});

function setup(state: "healthy" | "stopped", history: HistoryEntry[] = [], reply = answer('{"predictions":[{"price":1.0}]}')) {
  const sent: InvokeInput[] = [];
  const fake = fakeApi({
    "schemas.read": () => SCHEMAS,
    "run.status": () => (state === "healthy" ? { state, containerId: "c1", hostPort: 8080, image: "i" } : { state }),
    "invoke.history": () => history,
    "invoke.send": (input) => {
      sent.push(input as InvokeInput);
      return reply;
    },
  });
  renderWithApi(<InvokePanel project="/p" />, fake.api);
  return { sent };
}

const sendButton = () => screen.getByRole("button", { name: "Send" });

describe("InvokePanel", () => {
  it("builds the form from the Instance schema (enum as a select, example prefilled) and flags an out-of-range value before sending", async () => {
    setup("healthy");
    const form = await screen.findByTestId("instance-form");
    await waitFor(() => expect((within(form).getByLabelText(/City/) as HTMLInputElement).value).toBe("Paris"));
    expect(within(form).getByLabelText(/Kind/).tagName).toBe("SELECT");
    expect(within(form).getByText("Where it is")).toBeTruthy();
    fireEvent.change(within(form).getByLabelText(/Rooms/), { target: { value: "99" } });
    const problems = await screen.findByTestId("instance-problems");
    expect(problems.textContent).toContain("rooms");
    expect(problems.textContent).toContain("<= 20");
  });

  it("sends three table rows as CSV in field order and checks the answer against Prediction, keeping 1.0 as sent", async () => {
    const { sent } = setup("healthy", [], answer('{"predictions":[{"price":1.0},{"price":"cheap"},{"price":2.50}]}'));
    await screen.findByTestId("instance-form");
    fireEvent.click(screen.getByRole("button", { name: /^Table/ }));
    const table = screen.getByTestId("instances-table");
    fireEvent.click(within(table).getByRole("button", { name: "Duplicate row 1" }));
    fireEvent.click(screen.getByRole("button", { name: "Add row" }));
    fireEvent.change(screen.getByLabelText("row 3 city"), { target: { value: "Lyon" } });
    fireEvent.change(screen.getByLabelText("row 3 rooms"), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText("row 3 kind"), { target: { value: "house" } });
    fireEvent.change(screen.getByLabelText("Content type"), { target: { value: "text/csv" } });
    await waitFor(() => expect(sendButton()).toHaveProperty("disabled", false));
    fireEvent.click(sendButton());
    await screen.findByText("200 OK");
    expect(sent[0]?.body).toBe("Paris,1,flat,[]\nParis,1,flat,[]\nLyon,2,house,\n");
    expect(sent[0]?.contentType).toBe("text/csv");
    expect(screen.getByTestId("prediction-check").textContent).toBe("1 of 3 predictions break the Prediction schema");
    expect(within(screen.getByTestId("prediction-table")).getByText(/must be number/)).toBeTruthy();
    expect(screen.getByTestId("response-body").textContent).toContain('"price": 1.0');
    expect(screen.getByTestId("response-body").textContent).toContain('"price": 2.50');
  });

  it("reads pasted CSV rows into the table", async () => {
    setup("healthy");
    await screen.findByTestId("instance-form");
    fireEvent.click(screen.getByRole("button", { name: /^Table/ }));
    const scroll = screen.getByTestId("instances-table").parentElement!;
    const event = new Event("paste", { bubbles: true }) as Event & { clipboardData: unknown };
    event.clipboardData = { getData: () => "Nice,3,flat\nNantes,4,house\n" };
    fireEvent(scroll, event);
    await waitFor(() => expect((screen.getByLabelText("row 2 city") as HTMLInputElement).value).toBe("Nantes"));
    expect((screen.getByLabelText("row 2 rooms") as HTMLInputElement).value).toBe("4");
    expect(screen.getByRole("button", { name: "Table (2)" })).toBeTruthy();
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

  it("says to run the project first when no container is healthy", async () => {
    setup("stopped");
    await screen.findByText("Run the project first (Run tab).");
    expect(sendButton()).toHaveProperty("disabled", true);
  });
});
