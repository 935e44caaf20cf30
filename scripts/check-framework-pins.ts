/**
 * Checks every row of the intake compatibility table against PyPI: pip (inside the intake test
 * trainer image, Python 3.11 like the template) must resolve each set from wheels alone.
 * Slow (about half a minute per row), so not part of `npm test`: run it after editing the table.
 *   npx tsx scripts/check-framework-pins.ts
 */
import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { ensureTrainer, trainerTag } from "../app/core/model/testing/trained-models";

await ensureTrainer(new Docker(), trainerTag());
// The tables live in Python (server-template/server/frameworks); the trainer image runs them.
const server = new URL("../server-template/server", import.meta.url).pathname;
const tableRows = JSON.parse(
  execFileSync(
    "docker",
    [
      "run",
      "--rm",
      "--network",
      "none",
      "-v",
      `${server}:/opt/program/server:ro`,
      "-w",
      "/opt/program",
      "-e",
      "PYTHONPATH=/opt/program",
      "--entrypoint",
      "python",
      trainerTag(),
      "-m",
      "server.frameworks.table",
    ],
    { encoding: "utf8" },
  ),
) as string[][];
let failed = 0;
for (const row of tableRows) {
  const started = Date.now();
  try {
    execFileSync(
      "docker",
      [
        "run",
        "--rm",
        "--entrypoint",
        "pip",
        trainerTag(),
        "install",
        "--dry-run",
        "--ignore-installed",
        "--only-binary=:all:",
        "-q",
        ...row,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    console.log(`ok      ${row.join(" ")}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } catch (err) {
    failed++;
    console.log(
      `FAILED  ${row.join(" ")}\n${String((err as { stderr?: Buffer }).stderr ?? err)
        .trim()
        .split("\n")
        .slice(-3)
        .join("\n")}`,
    );
  }
}
process.exit(failed ? 1 : 0);
