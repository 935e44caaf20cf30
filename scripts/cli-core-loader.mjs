// Bundled into dist-cli/stagemaker.mjs in place of ./cli-context: loads the core bundle (dist-cli/cli-context.cjs) with a V8 code cache.
// Hand-written because Node 20 has no module.enableCompileCache (22+), and the v8-compile-cache package caches
// before the code runs, which measured no gain here: this one saves the cache at exit, after the command compiled
// what it used, which saves ~70 ms of the ~150 ms the core costs to load. The cache lives in dist-cli/, which a
// rebuild replaces as a whole, so it never outlives the code it was made from.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const file = fileURLToPath(new URL("./cli-context.cjs", import.meta.url));
const cacheFile = `${file}.cache`;

function loadCore() {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first run after a build
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    process.once("exit", () => {
      try {
        const staging = `${cacheFile}.${process.pid}`;
        writeFileSync(staging, script.createCachedData());
        renameSync(staging, cacheFile);
      } catch {
        // a read-only install runs without the cache
      }
    });
  }
  return module.exports;
}

export const { openCli } = loadCore();
