import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { SAMPLE_TABLE } from "../../core/testing/field-table-sample";
import { cleanUpProject, uniqueName } from "../../core/testing/throwaway-template";
import { scaled } from "../../../scripts/test-env/time-factor";

// The Schemas tab's field table from the command line: Python's preview before any build (the
// tools container), and a table it cannot mean refused with the row named.
const root = mkdtempSync(join(tmpdir(), "smk-cli-schemas-"));
const dir = join(root, "project");
const env = {
  ...process.env,
  STAGEMAKER_STATE_DIR: join(root, "state"),
  STAGEMAKER_EXTRA_CA_CERTS: process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt",
};

const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile("node", ["bin/stagemaker.mjs", ...args], { env, timeout: scaled(600_000) }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

afterAll(async () => {
  await cleanUpProject(dir, undefined);
});

it(
  "previews a field table as pydantic before the first build, and refuses one it cannot mean",
  async () => {
    expect((await cli(["new", dir, "--name", uniqueName("clischemas")])).code).toBe(0);
    const table = join(root, "table.json");
    writeFileSync(table, JSON.stringify(SAMPLE_TABLE));
    const preview = await cli(["schemas", dir, "--table", table, "--preview"]);
    expect(preview.stderr).toBe("");
    expect(preview.stdout).toBe(readFileSync(join(__dirname, "../../../server-template/tests/lab/written/instance.py"), "utf8"));
    expect(readFileSync(join(dir, "model/instance.py"), "utf8")).not.toContain("class Room"); // nothing saved

    const emptyEnum = { main: { name: "Instance", fields: [{ name: "k", type: "enum" }] } };
    writeFileSync(table, JSON.stringify(emptyEnum));
    const refused = await cli(["schemas", dir, "--table", table, "--preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Instance.k: an enum needs at least one value");
  },
  scaled(600_000),
);
