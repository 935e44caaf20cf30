/**
 * Checks every row of the intake compatibility table against PyPI: pip (inside the intake test
 * trainer image, Python 3.11 like the template) must resolve each set from wheels alone.
 * Slow (about half a minute per row), so not part of `npm test`: run it after editing the table.
 *   npx tsx scripts/check-framework-pins.ts
 */
import { execFileSync } from "node:child_process";
import { tableRows } from "../app/core/intake/requirements/framework-pins";
import Docker from "dockerode";
import { ensureTrainer, trainerTag } from "../app/core/intake/testing/trained-models";

await ensureTrainer(new Docker(), trainerTag());
let failed = 0;
for (const row of tableRows()) {
  const started = Date.now();
  try {
    execFileSync("docker", ["run", "--rm", "--entrypoint", "pip", trainerTag(), "install", "--dry-run", "--ignore-installed", "--only-binary=:all:", "-q", ...row], { stdio: ["ignore", "ignore", "pipe"] });
    console.log(`ok      ${row.join(" ")}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } catch (err) {
    failed++;
    console.log(`FAILED  ${row.join(" ")}\n${String((err as { stderr?: Buffer }).stderr ?? err).trim().split("\n").slice(-3).join("\n")}`);
  }
}
process.exit(failed ? 1 : 0);
