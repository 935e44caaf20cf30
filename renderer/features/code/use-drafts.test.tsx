// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiProvider } from "../../api/api-context";
import { fakeApi } from "../../testing/fake-api";
import { DRAFTS_FILE } from "./drafts";
import { useDrafts } from "./use-drafts";

afterEach(cleanup);
beforeEach(() => localStorage.clear());

function mount(disk: Record<string, string>) {
  const fake = fakeApi({
    "code.list": () => Object.keys(disk).map((path) => ({ path, kind: "file" as const, size: disk[path]!.length })),
    "code.read": ({ path }) => ({ path, content: disk[path]!, size: disk[path]!.length }),
    "code.write": ({ path, content }) => {
      disk[path] = content;
      return { path, kind: "file" as const, size: content.length };
    },
  });
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider api={fake.api}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ApiProvider>
  );
  return renderHook(() => useDrafts("/p"), { wrapper });
}

describe("useDrafts", () => {
  it("keeps an unsaved edit across a remount and in the project, and forgets it once saved", async () => {
    const disk: Record<string, string> = { "model/predictor.py": "a = 1\n" };
    const first = mount(disk);
    await waitFor(() => expect(first.result.current.ready).toBe(true));
    act(() => first.result.current.edit("model/predictor.py", "a = 2\n", "a = 1\n"));
    expect(first.result.current.drafts["model/predictor.py"]?.content).toBe("a = 2\n");
    await waitFor(() => expect(disk[DRAFTS_FILE]).toContain("a = 2"));
    first.unmount();

    // A new window (same origin) gets it from localStorage; another origin from the project file.
    const again = mount(disk);
    expect(again.result.current.drafts["model/predictor.py"]?.content).toBe("a = 2\n");
    localStorage.clear();
    const elsewhere = mount(disk);
    await waitFor(() => expect(elsewhere.result.current.drafts["model/predictor.py"]?.content).toBe("a = 2\n"));

    act(() => elsewhere.result.current.discard("model/predictor.py"));
    expect(elsewhere.result.current.drafts).toEqual({});
    await waitFor(() => expect(JSON.parse(disk[DRAFTS_FILE]!)).toEqual({}));
  });

  it("drops the draft when the text is back to what is saved, and asks before closing while drafts exist", async () => {
    const hook = mount({ "x.json": "{}" });
    await waitFor(() => expect(hook.result.current.ready).toBe(true));
    const closing = () => {
      const e = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(closing()).toBe(false);
    act(() => hook.result.current.edit("x.json", '{"a":1}', "{}"));
    expect(closing()).toBe(true);
    act(() => hook.result.current.edit("x.json", "{}", "{}"));
    expect(hook.result.current.drafts).toEqual({});
    expect(closing()).toBe(false);
  });
});
