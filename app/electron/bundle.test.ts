import { mkdtemp, readFile, rm } from "node:fs/promises";
import Module, { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../contract";
import { buildElectron } from "./build";

/**
 * No Electron binary here, so the bundles are loaded under Node with a recording stand-in for the
 * "electron" module: this catches what only shows in the built CommonJS files (import.meta, a
 * preload that requires more than "electron", wiring order in main).
 */
const root = resolve(import.meta.dirname, "../..");
let outdir: string;
const calls: string[] = [];
const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();

function recorder(name: string): unknown {
  return new Proxy(function () {}, {
    get: (_t, key) => {
      if (key === "then") return undefined;
      if (name === "app" && key === "isPackaged") return false;
      return recorder(`${name}.${String(key)}`);
    },
    apply: (_t, _self, args: unknown[]) => {
      calls.push(name);
      if (name === "app.whenReady") return Promise.resolve();
      if (name === "app.requestSingleInstanceLock") return true;
      if (name === "ipcMain.handle") handlers.set(String(args[0]), args[1] as never);
      return recorder(`${name}()`);
    },
  });
}

beforeAll(async () => {
  // Inside the repo so the bundle's external packages resolve from node_modules.
  outdir = await mkdtemp(join(root, "node_modules", ".stagemaker-bundle-test-"));
  await buildElectron(outdir);
});
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe("Electron bundles", () => {
  it("the preload requires nothing but electron (a sandboxed preload can load nothing else)", async () => {
    const text = await readFile(join(outdir, "preload.cjs"), "utf8");
    expect([...new Set(text.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
  });

  it("main loads, registers the app scheme before ready, denies permissions and binds every channel", async () => {
    const electron = {
      app: recorder("app"),
      BrowserWindow: function BrowserWindow() {
        return recorder("window");
      },
      session: { defaultSession: recorder("session") },
      protocol: recorder("protocol"),
      ipcMain: recorder("ipcMain"),
      shell: recorder("shell"),
    };
    const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
    (Module as unknown as { _load: unknown })._load = function (req: string, ...rest: unknown[]) {
      return req === "electron" ? electron : load.call(this, req, ...rest);
    };
    process.env.STAGEMAKER_WORKSPACE = join(outdir, "workspace");
    process.env.STAGEMAKER_STATE_DIR = join(outdir, "state");
    try {
      createRequire(import.meta.url)(join(outdir, "main.cjs"));
      await new Promise((d) => setTimeout(d, 50));
    } finally {
      (Module as unknown as { _load: unknown })._load = load;
    }
    expect(calls.indexOf("protocol.registerSchemesAsPrivileged")).toBeLessThan(calls.indexOf("app.whenReady"));
    expect(calls).toEqual(
      expect.arrayContaining(["app.enableSandbox", "session.setPermissionRequestHandler", "protocol.handle", "window.loadURL"]),
    );
    // One handler per call and stream of the contract (uploads are not on the bridge), plus the native folder dialog.
    expect(handlers.size).toBe(Object.values(channels).filter((c) => c.kind !== "upload").length + 1);
    expect(await handlers.get("stagemaker:pick-folder")!({ senderFrame: null, sender: recorder("sender") })).toBeNull();
    const refused = await handlers.get("stagemaker:call:engine.status")!({ senderFrame: null, sender: recorder("sender") }, {});
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid-input" } });
  });
});
