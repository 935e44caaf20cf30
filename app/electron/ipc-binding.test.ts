import { EventEmitter } from "node:events";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { StagemakerError, type Services } from "../contract";
import { bindServices } from "../faces-common/binding";

// Electron's ipcMain stood in by a recorder: what is checked here is our binding's decisions.
const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
const listeners = new Map<string, (...args: unknown[]) => void>();
vi.mock("electron", () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
    off: (channel: string) => listeners.delete(channel),
  },
}));
const { bindIpc } = await import("./ipc-binding");

class FakeSender extends EventEmitter {
  sent: unknown[][] = [];
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return false;
  }
}
const trusted = { url: "app://stagemaker/index.html" };
const foreign = { url: "https://evil.example/" };

let buildSignal: AbortSignal | undefined;
const services = {
  "projects.open": async ({ project }: { project: string }) => {
    if (project === "/nope") throw new StagemakerError("not-found", "No project there.");
    return { dir: project };
  },
  "build.run": async (_i: unknown, emit: (e: unknown) => void, ctx: { signal: AbortSignal }) => {
    buildSignal = ctx.signal;
    emit({ type: "log", line: "step 1" });
    await new Promise<void>((done) => ctx.signal.addEventListener("abort", () => done()));
    throw new StagemakerError("cancelled", "Build cancelled.");
  },
} as unknown as Services;

beforeEach(() => {
  handlers.clear();
  listeners.clear();
  bindIpc(bindServices(services), (frame) => frame === (trusted as never));
});

describe("IPC binding", () => {
  it("binds one handler per channel of the contract and nothing generic", () => {
    expect(handlers.has("stagemaker:call:projects.open")).toBe(true);
    expect(handlers.has("stagemaker:stream:build.run")).toBe(true);
    expect([...handlers.keys()].every((k) => /^stagemaker:(call|stream):[a-z]+\.[A-Za-z]+$/.test(k))).toBe(true);
  });

  it("refuses messages from a frame that is not the app's top frame", async () => {
    const r = await handlers.get("stagemaker:call:projects.open")!({ senderFrame: foreign, sender: new FakeSender() }, { project: "/p" });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining("untrusted frame") } });
    expect(
      await handlers.get("stagemaker:call:projects.open")!({ senderFrame: null, sender: new FakeSender() }, { project: "/p" }),
    ).toMatchObject({ ok: false });
  });

  it("parses payloads and keeps error codes", async () => {
    const call = handlers.get("stagemaker:call:projects.open")!;
    const sender = new FakeSender();
    expect(await call({ senderFrame: trusted, sender }, { project: 1 })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(await call({ senderFrame: trusted, sender }, { project: "/nope" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await call({ senderFrame: trusted, sender }, { project: "/p" })).toEqual({ ok: true, value: { dir: "/p" } });
    expect(sender.listenerCount("destroyed")).toBe(0);
  });

  it("routes stream events by id, and only the page that started a stream can cancel it", async () => {
    const sender = new FakeSender();
    const pending = handlers.get("stagemaker:stream:build.run")!({ senderFrame: trusted, sender }, "id-1", { project: "/p" });
    await vi.waitFor(() => expect(sender.sent).toEqual([["stagemaker:stream-event", "id-1", { type: "log", line: "step 1" }]]));
    listeners.get("stagemaker:stream-cancel")!({ senderFrame: trusted, sender: new FakeSender() }, "id-1");
    expect(buildSignal?.aborted).toBe(false);
    listeners.get("stagemaker:stream-cancel")!({ senderFrame: trusted, sender }, "id-1");
    expect(await pending).toMatchObject({ ok: false, error: { code: "cancelled" } });
  });

  it("aborts a page's streams when the page goes away", async () => {
    const sender = new FakeSender();
    const pending = handlers.get("stagemaker:stream:build.run")!({ senderFrame: trusted, sender }, "id-2", { project: "/p" });
    await vi.waitFor(() => expect(sender.sent.length).toBe(1));
    sender.emit("destroyed");
    expect(await pending).toMatchObject({ ok: false, error: { code: "cancelled" } });
  });
});
