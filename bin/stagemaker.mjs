#!/usr/bin/env node
// Starts the CLI from its esbuild bundle (dist-cli/), rebuilding it first when a source changed, so a fresh clone needs no build step.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

/** Fresh when no input of the last build (listed by scripts/cli-bundle.mjs) changed since: ~100 stats, no reads. */
function bundleIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("dist-cli/inputs.json", root), "utf8"));
    return inputs.every((path) => statSync(new URL(path, root)).mtimeMs < builtAt);
  } catch {
    return false; // no bundle yet, or an input was removed
  }
}

async function rebuildBundle() {
  try {
    const { buildCli } = await import("../scripts/cli-bundle.mjs");
    await buildCli();
    return true;
  } catch (err) {
    process.stderr.write(
      `stagemaker: could not bundle the CLI (${err instanceof Error ? err.message : String(err)}); running it from source.\n`,
    );
    return false;
  }
}

// STAGEMAKER_CLI_FROM_SOURCE=1 runs the TypeScript through tsx as before (the benchmark's reference).
if (process.env.STAGEMAKER_CLI_FROM_SOURCE !== "1" && (bundleIsFresh() || (await rebuildBundle()))) {
  await import(new URL("dist-cli/stagemaker.mjs", root).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../app/cli/main.ts");
}
