import { describe, expect, it } from "vitest";
import { StagemakerError, type Services } from "../contract";
import { bindServices } from "./binding";

describe("bindServices", () => {
  let lateEmit: ((e: unknown) => void) | undefined;
  const services = {
    "projects.open": async (input: { project: string }) => {
      if (input.project === "/missing") throw new StagemakerError("outside-project", "No project there.", { path: "/missing" });
      if (input.project === "/crash") throw new TypeError("boom");
      return { dir: input.project };
    },
    "build.run": async (_i: unknown, emit: (e: unknown) => void, ctx: { signal: AbortSignal }) => {
      lateEmit = emit;
      emit({ type: "log", line: "one" });
      await new Promise((d) => setTimeout(d, 20));
      if (ctx.signal.aborted) throw new Error("docker said: context canceled");
      return { tag: "t" };
    },
  } as unknown as Services;
  const binding = bindServices(services);
  const signal = new AbortController().signal;

  it("knows calls from streams and refuses unknown names", () => {
    expect([binding.isCall("projects.open"), binding.isStream("projects.open")]).toEqual([true, false]);
    expect([binding.isCall("build.run"), binding.isStream("build.run")]).toEqual([false, true]);
    expect([binding.isCall("toString"), binding.isCall("__proto__"), binding.isStream("constructor")]).toEqual([false, false, false]);
  });

  it("parses input before the core sees it", async () => {
    const r = await binding.call("projects.open", { project: 42 }, signal);
    expect(r).toMatchObject({ ok: false, error: { code: "invalid-input" } });
  });

  it("keeps the core's error code and detail, and hides nothing else", async () => {
    expect(await binding.call("projects.open", { project: "/missing" }, signal)).toEqual({
      ok: false,
      error: { code: "outside-project", message: "No project there.", detail: { path: "/missing" } },
    });
    expect(await binding.call("projects.open", { project: "/crash" }, signal)).toEqual({
      ok: false,
      error: { code: "internal", message: "boom" },
    });
    expect(await binding.call("projects.open", { project: "/p" }, signal)).toEqual({ ok: true, value: { dir: "/p" } });
  });

  it("reports an aborted stream as cancelled and drops events after it settled", async () => {
    const controller = new AbortController();
    const events: unknown[] = [];
    const pending = binding.stream("build.run", { project: "/p" }, (e) => events.push(e), controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: "cancelled" } });
    lateEmit?.({ type: "log", line: "late" });
    expect(events).toEqual([{ type: "log", line: "one" }]);
  });
});
