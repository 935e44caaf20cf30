import { describe, expect, it } from "vitest";
import type { StagemakerBridge } from "../../app/contract";
import { ApiError } from "./client";
import { createElectronApi, importRoots } from "./electron-transport";

describe("importRoots", () => {
  it("imports single files by path and dropped folders once, as the folder", () => {
    expect(
      importRoots([
        { path: "/home/a/model.bin", relPath: "model.bin" },
        { path: "/home/a/weights/x/1.bin", relPath: "weights/x/1.bin" },
        { path: "/home/a/weights/2.bin", relPath: "weights/2.bin" },
      ]),
    ).toEqual(["/home/a/model.bin", "/home/a/weights"]);
    expect(importRoots([{ path: "C:\\m\\w\\1.bin", relPath: "w/1.bin" }])).toEqual(["C:\\m\\w"]);
  });
});

describe("electron transport", () => {
  it("unwraps envelopes and keeps the error code", async () => {
    const bridge = {
      face: "electron",
      pathForFile: () => "",
      engine: { status: async () => ({ ok: false, error: { code: "engine-unreachable", message: "down" } }) },
      projects: { recent: async () => ({ ok: true, value: [] }) },
    } as unknown as StagemakerBridge;
    const api = createElectronApi(bridge);
    await expect(api.call("projects.recent", {})).resolves.toEqual([]);
    const err = await api.call("engine.status", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("engine-unreachable");
  });
});
