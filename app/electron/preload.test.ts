import { describe, expect, it, vi } from "vitest";
import type { StagemakerBridge } from "../contract";

// contextBridge and ipcRenderer stood in by recorders: this checks the shape the page gets.
const exposed: Record<string, unknown> = {};
const sent: unknown[][] = [];
const invoked: unknown[][] = [];
let onEvent: ((e: unknown, id: unknown, event: unknown) => void) | undefined;
let finishStream: ((r: unknown) => void) | undefined;
vi.mock("electron", () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  webUtils: { getPathForFile: (file: { name: string }) => `/home/me/${file.name}` },
  ipcRenderer: {
    on: (_channel: string, fn: typeof onEvent) => (onEvent = fn),
    send: (...args: unknown[]) => sent.push(args),
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      if (String(args[0]).startsWith("stagemaker:stream:")) return new Promise((done) => (finishStream = done));
      return Promise.resolve({ ok: true, value: "answer" });
    },
  },
}));
await import("./preload");
const bridge = exposed.stagemaker as StagemakerBridge;

describe("preload bridge", () => {
  it("exposes one named method per channel and no generic invoke", async () => {
    expect(Object.keys(exposed)).toEqual(["stagemaker"]);
    expect(typeof bridge.projects.create).toBe("function");
    expect(typeof bridge.build.run).toBe("function");
    // No invoke(channel): the only functions at the top are the two host helpers; `invoke` is a domain of named methods.
    const topFunctions = Object.entries(bridge).filter(([, v]) => typeof v === "function");
    expect(topFunctions.map(([k]) => k).sort()).toEqual(["pathForFile", "pickFolder"]);
    expect(Object.keys(bridge.invoke).sort()).toEqual(["history", "send"]);
    expect(await bridge.projects.open({ project: "/p" })).toEqual({ ok: true, value: "answer" });
    expect(invoked.at(-1)).toEqual(["stagemaker:call:projects.open", { project: "/p" }]);
    expect(bridge.pathForFile({ name: "w.bin" } as File)).toBe("/home/me/w.bin");
  });

  it("routes events to their subscriber and drops the subscription on cancel", async () => {
    const events: unknown[] = [];
    const handle = bridge.build.run({ project: "/p" }, (e) => events.push(e));
    const id = invoked.at(-1)![1];
    onEvent!({}, id, { type: "log", line: "a" });
    onEvent!({}, "someone-else", { type: "log", line: "b" });
    handle.cancel();
    onEvent!({}, id, { type: "log", line: "after cancel" });
    expect(events).toEqual([{ type: "log", line: "a" }]);
    expect(sent).toEqual([["stagemaker:stream-cancel", id]]);
    handle.cancel();
    expect(sent).toHaveLength(1);
    finishStream!({ ok: false, error: { code: "cancelled", message: "Cancelled." } });
    await expect(handle.result).resolves.toMatchObject({ ok: false, error: { code: "cancelled" } });
  });
});
