// @vitest-environment happy-dom
// The constraints cell of a field row: the bounds a field's type can have, each written back as a number.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { FieldSpec } from "../../../app/contract";
import { FieldRow } from "./field-row";

afterEach(cleanup);

const field = (patch: Partial<FieldSpec>): FieldSpec => ({
  name: "x",
  type: "str",
  list: false,
  enumValues: [],
  required: true,
  nullable: false,
  ...patch,
});

function row(f: FieldSpec) {
  const changes: FieldSpec[] = [];
  const noop = () => undefined;
  render(
    <table>
      <tbody>
        <FieldRow field={f} index={0} count={1} models={[]} onChange={(next) => changes.push(next)} onMove={noop} onRemove={noop} />
      </tbody>
    </table>,
  );
  const constraints = () =>
    [...document.querySelectorAll(".constraints input")].map((i) => `${i.getAttribute("aria-label")}=${(i as HTMLInputElement).value}`);
  return { changes, constraints };
}

describe("FieldRow constraints", () => {
  it("a number field offers ge, le, gt and lt, and a typed bound becomes a number", () => {
    const { changes, constraints } = row(field({ type: "int", ge: 1 }));
    expect(constraints()).toEqual(["x ge=1", "x le=", "x gt=", "x lt="]);
    fireEvent.change(screen.getByLabelText("x lt"), { target: { value: "20" } });
    expect(changes.at(-1)).toMatchObject({ ge: 1, lt: 20 });
  });

  it("a str field offers its min and max length and a pattern; clearing a bound removes it", () => {
    const { changes, constraints } = row(field({ maxLength: 40 }));
    expect(constraints()).toEqual(["x min length=", "x max length=40", "x pattern="]);
    fireEvent.change(screen.getByLabelText("x min length"), { target: { value: "2" } });
    expect(changes.at(-1)).toMatchObject({ minLength: 2, maxLength: 40 });
    fireEvent.change(screen.getByLabelText("x max length"), { target: { value: "" } });
    expect(changes.at(-1)?.maxLength).toBeUndefined();
  });

  it("a list, a bool or a nested model has no bounds", () => {
    for (const f of [field({ list: true }), field({ type: "bool" }), field({ type: "model", model: "Room" })]) {
      const { constraints } = row(f);
      expect(constraints()).toEqual([]);
      cleanup();
    }
  });
});
