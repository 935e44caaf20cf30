// Tooling for npm start, e2e and the UI bench: rebuilds dist-renderer/ when its sources changed.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..");
export const rendererDir = join(repoRoot, "dist-renderer");

const sources = ["renderer", "app/contract", "index.html", "vite.config.ts"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.endsWith(".test.ts") || entry.endsWith(".test.tsx")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when dist-renderer/ is missing or older than any renderer source. */
export function rendererIsStale(): boolean {
  const built = join(rendererDir, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((s) => newestMtime(join(repoRoot, s)) > builtAt);
}

export type BuildOutcome = "up to date" | "built" | "no renderer sources yet";

/** Runs `vite build` once when the renderer changed since the last build (shared by npm start and e2e). */
export async function ensureRendererBuilt(opts: { log?: (line: string) => void } = {}): Promise<BuildOutcome> {
  if (!existsSync(join(repoRoot, "vite.config.ts"))) {
    return "no renderer sources yet";
  }
  if (!rendererIsStale()) return "up to date";
  opts.log?.("Building the renderer (vite build)…");
  const vite = join(repoRoot, "node_modules/vite/bin/vite.js");
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: repoRoot, stdio: "inherit" });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`vite build exited with ${code}`))));
  });
  return "built";
}
