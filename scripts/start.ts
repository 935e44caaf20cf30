import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runBrowserFace, stopOnSignals } from "../app/web/main";
import { ensureRendererBuilt, repoRoot } from "./renderer-build";

/**
 * `npm start`: the Electron app where its binary was installed, otherwise the browser face on
 * 127.0.0.1 (printing the URL with its token). Never downloads Electron.
 *   npm start -- --browser        force the browser face
 *   npm start -- --port 8765      fixed port for the browser face
 */
const { values } = parseArgs({
  options: {
    browser: { type: "boolean", default: false },
    port: { type: "string", default: "0" },
    "no-open": { type: "boolean", default: false },
  },
});

function electronBinary(): string | undefined {
  const pathFile = join(repoRoot, "node_modules/electron/path.txt");
  if (!existsSync(pathFile)) return undefined;
  const binary = join(repoRoot, "node_modules/electron/dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? binary : undefined;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: "inherit" });
    child.on("error", fail);
    child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const log = (line: string) => console.log(line);
const binary = values.browser ? undefined : electronBinary();

if (binary) {
  await ensureRendererBuilt({ log });
  if ((await run(process.execPath, ["--import", "tsx", "app/electron/build.ts"])) !== 0) process.exit(1);
  // Chromium will not start as root with its OS sandbox (containers); the renderer sandbox setting stays on.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.log("Running as root: starting Electron with --no-sandbox.");
  process.exit(await run(binary, [...(asRoot ? ["--no-sandbox"] : []), "dist-electron/main.cjs"]));
} else {
  if (!values.browser) console.log("No Electron binary installed (node_modules/electron/dist); starting the browser face instead.");
  const outcome = await ensureRendererBuilt({ log });
  if (outcome === "no renderer sources yet") console.log("The renderer sources are missing; the host will say so in the browser.");
  const host = await runBrowserFace({ port: Number(values.port), open: !values["no-open"] });
  console.log("Press Ctrl+C to stop.");
  stopOnSignals(host);
}
