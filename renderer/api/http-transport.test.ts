// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StagemakerError, type Services } from "../../app/contract";
import { bindServices } from "../../app/faces-common/binding";
import { startHost, type RunningHost } from "../../app/web/host";
import { ApiError } from "./client";
import { createHttpApi } from "./http-transport";

// A fake core: this checks the transport against the real host's wire, not core behaviour.
let logsAborted = false;
const fake = {
  "projects.recent": async () => [{ dir: "/p", name: "p", openedAt: "2026-01-01T00:00:00Z" }],
  "engine.status": async () => ({ state: "reachable", host: "unix:///x" }),
  "code.read": async () => {
    throw new StagemakerError("outside-project", "That path is outside the project.");
  },
  "run.logs": async (_i: unknown, emit: (e: unknown) => void, ctx: { signal: AbortSignal }) => {
    for (let i = 0; !ctx.signal.aborted; i++) {
      emit({ stream: "stdout", line: `line ${i}`, at: "t" });
      await new Promise((d) => setTimeout(d, 10));
    }
    logsAborted = true;
    return { done: true };
  },
  "build.run": async (_i: unknown, emit: (e: unknown) => void) => {
    emit({ type: "step", index: 1, total: 1, instruction: "FROM x" });
    return { imageId: "i", tag: "t", sizeBytes: 1, durationMs: 1, steps: 1, cachedSteps: 0 };
  },
} as unknown as Services;

let host: RunningHost;
beforeAll(async () => {
  host = await startHost({ binding: bindServices(fake), rendererDir: "/nonexistent" });
});
afterAll(() => host.close());

describe("http transport against the browser host", () => {
  it("calls and unwraps", async () => {
    const api = createHttpApi({ token: host.token, baseUrl: host.origin });
    await expect(api.call("projects.recent", {})).resolves.toHaveLength(1);
  });
  it("throws ApiError with the core's code", async () => {
    const api = createHttpApi({ token: host.token, baseUrl: host.origin });
    const err = await api.call("code.read", { project: "/p", path: "../x" }).catch((e: unknown) => e);
    expect([(err as ApiError).code, (err as ApiError).message]).toEqual(["outside-project", "That path is outside the project."]);
  });
  it("parses answers with the contract: a value that breaks it is an error, not a cast", async () => {
    const api = createHttpApi({ token: host.token, baseUrl: host.origin });
    const err = await api.call("engine.status", {}).catch((e: unknown) => e);
    expect([(err as ApiError).code, (err as ApiError).message]).toEqual([
      "internal",
      expect.stringContaining("did not match the contract"),
    ]);
  });
  it("is refused without the right token", async () => {
    const api = createHttpApi({ token: "wrong", baseUrl: host.origin });
    await expect(api.call("projects.recent", {})).rejects.toThrow(/token/);
  });
  it("delivers stream events, then the result", async () => {
    const api = createHttpApi({ token: host.token, baseUrl: host.origin });
    const events: unknown[] = [];
    const handle = api.stream("build.run", { project: "/p" }, (e) => events.push(e));
    await expect(handle.result).resolves.toMatchObject({ tag: "t" });
    expect(events).toEqual([{ type: "step", index: 1, total: 1, instruction: "FROM x" }]);
  });
  it("cancel stops the work on the host and rejects with cancelled", async () => {
    const api = createHttpApi({ token: host.token, baseUrl: host.origin });
    const lines: unknown[] = [];
    const handle = api.stream("run.logs", { project: "/p" }, (e) => lines.push(e));
    while (lines.length < 3) await new Promise((d) => setTimeout(d, 10));
    handle.cancel();
    await expect(handle.result).rejects.toMatchObject({ code: "cancelled" });
    for (let i = 0; i < 100 && !logsAborted; i++) await new Promise((d) => setTimeout(d, 10));
    expect(logsAborted).toBe(true);
  });
});
