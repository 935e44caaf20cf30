// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { EditorPane } from "./editor-pane";
import { useDrafts } from "./use-drafts";
import type { CodeEditorProps } from "../../shared/code-editor";

// Monaco needs a real browser (the e2e covers it); here a textarea stands in with the same props.
vi.mock("../../shared/code-editor", () => ({
  default: ({ modelPath, initialValue, onChange }: CodeEditorProps) => (
    <textarea aria-label="code" data-model={modelPath} defaultValue={initialValue} onChange={(e) => onChange(e.target.value)} />
  ),
}));

afterEach(cleanup);
beforeEach(() => localStorage.clear());

function Harness({ onSaved }: { onSaved(path: string): void }) {
  const drafts = useDrafts("/p");
  const [path, setPath] = useState("model/predictor.py");
  return (
    <>
      <button onClick={() => setPath(path === "model/predictor.py" ? "model/instance.py" : "model/predictor.py")}>switch</button>
      <EditorPane project="/p" path={path} drafts={drafts} onSaved={onSaved} />
    </>
  );
}

describe("EditorPane", () => {
  it("marks an edit dirty, keeps it across a file switch, and Ctrl+S saves it", async () => {
    const disk: Record<string, string> = { "model/predictor.py": "factor = 2\n", "model/instance.py": "x: int\n" };
    const writes: string[] = [];
    const fake = fakeApi({
      "code.list": () => Object.keys(disk).map((path) => ({ path, kind: "file" as const, size: disk[path]!.length })),
      "code.read": ({ path }) => ({ path, content: disk[path]!, size: disk[path]!.length }),
      "code.write": ({ path, content }) => {
        disk[path] = content;
        writes.push(path);
        return { path, kind: "file" as const, size: content.length };
      },
    });
    const saved: string[] = [];
    renderWithApi(<Harness onSaved={(p) => saved.push(p)} />, fake.api);

    const code = (await screen.findByLabelText("code")) as HTMLTextAreaElement;
    expect(code.value).toBe("factor = 2\n");
    expect(screen.queryByTestId("dirty-marker")).toBeNull();
    fireEvent.change(code, { target: { value: "factor = 5\n" } });
    expect(screen.getByTestId("dirty-marker")).toBeTruthy();

    fireEvent.click(screen.getByText("switch"));
    await waitFor(() =>
      expect((screen.getByLabelText("code") as HTMLTextAreaElement).getAttribute("data-model")).toBe("file:///p/model/instance.py"),
    );
    fireEvent.click(screen.getByText("switch"));
    await waitFor(() =>
      expect((screen.getByLabelText("code") as HTMLTextAreaElement).getAttribute("data-model")).toBe("file:///p/model/predictor.py"),
    );
    expect(screen.getByTestId("dirty-marker")).toBeTruthy();

    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(screen.queryByTestId("dirty-marker")).toBeNull());
    expect(disk["model/predictor.py"]).toBe("factor = 5\n");
    expect(saved).toEqual(["model/predictor.py"]);
    expect(screen.getByRole("button", { name: "Save" })).toHaveProperty("disabled", true);
  });

  it("saves again after a save on its way, with what was typed meanwhile, and keeps it unsaved until then", async () => {
    const disk: Record<string, string> = { "model/predictor.py": "factor = 2\n", "model/instance.py": "x: int\n" };
    const writes: string[] = [];
    let release: () => void = () => undefined;
    const fake = fakeApi({
      "code.list": () => Object.keys(disk).map((path) => ({ path, kind: "file" as const, size: disk[path]!.length })),
      "code.read": ({ path }) => ({ path, content: disk[path]!, size: disk[path]!.length }),
      "code.write": async ({ path, content }) => {
        if (path === "model/predictor.py") {
          writes.push(content);
          if (writes.length === 1) await new Promise<void>((r) => (release = r)); // the first save is slow
        }
        disk[path] = content;
        return { path, kind: "file" as const, size: content.length };
      },
    });
    renderWithApi(<Harness onSaved={() => undefined} />, fake.api);
    const code = (await screen.findByLabelText("code")) as HTMLTextAreaElement;

    fireEvent.change(code, { target: { value: "factor = 5\n" } });
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(writes).toEqual(["factor = 5\n"]));
    // Typed and saved again while the first save is on its way: not dropped.
    fireEvent.change(code, { target: { value: "factor = 6\n" } });
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(screen.getByTestId("dirty-marker")).toBeTruthy();
    release();
    await waitFor(() => expect(writes).toEqual(["factor = 5\n", "factor = 6\n"]));
    await waitFor(() => expect(screen.queryByTestId("dirty-marker")).toBeNull());
    expect(disk["model/predictor.py"]).toBe("factor = 6\n");
  });
});
