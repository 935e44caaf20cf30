import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
// electron-builder's own schema check and YAML reader (its dependencies), without packaging anything.
const { validateConfiguration } = require("app-builder-lib/out/util/config/config.js") as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require("builder-util") as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require("js-yaml") as { load(text: string): Record<string, unknown> };

const config = yaml.load(readFileSync(join(root, "electron-builder.yml"), "utf8"));

describe("electron-builder.yml", () => {
  it("matches electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, asarr: true }, new DebugLogger(false))).rejects.toThrow(/asarr/);
  });

  it("targets AppImage + deb, dmg and nsis, with a PNG icon of at least 512 px", () => {
    expect(config.linux).toMatchObject({ target: ["AppImage", "deb"] });
    expect(config.mac).toMatchObject({ target: "dmg" });
    expect(config.win).toMatchObject({ target: "nsis" });
    const png = readFileSync(join(root, String(config.icon)));
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
  });

  it("ships the built faces and the server template the core copies into projects", () => {
    expect(config.files).toEqual(expect.arrayContaining(["dist-electron/**", "dist-renderer/**"]));
    expect(JSON.stringify(config.extraResources)).toContain('"to":"server-template"');
    expect(readFileSync(join(root, "app/electron/main.ts"), "utf8")).toContain('join(process.resourcesPath, "server-template")');
  });
});
