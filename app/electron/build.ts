import { build } from "esbuild";
import { resolve } from "node:path";

/**
 * Bundles the Electron face to dist-electron/*.cjs. The preload is sandboxed (it may require only
 * "electron"), so it is bundled whole; main keeps node_modules external (electron-builder ships them).
 */
const root = resolve(import.meta.dirname, "../..");

export async function buildElectron(outdir = resolve(root, "dist-electron")): Promise<void> {
  const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    sourcemap: "linked",
    logLevel: "warning",
    absWorkingDir: root,
    outdir,
    outExtension: { ".js": ".cjs" },
  } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: { main: "app/electron/main.ts" },
      packages: "external",
      // ESM sources use import.meta.url for file locations; give the CommonJS bundle a real one.
      define: { "import.meta.url": "__stagemakerModuleUrl", "import.meta.dirname": "__dirname", "import.meta.filename": "__filename" },
      banner: { js: 'const __stagemakerModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    }),
    build({ ...common, entryPoints: { preload: "app/electron/preload.ts" }, external: ["electron"] }),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildElectron();
  console.log("Electron face built to dist-electron/ (main.cjs, preload.cjs)");
}
