import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { SAMPLE_TABLE } from "../../core/testing/field-table-sample";
import { cleanUpProject, uniqueName } from "../../core/testing/throwaway-template";
import { scaled } from "../../../scripts/test-env/time-factor";
import { testCli } from "../../core/testing/test-cli";

// The Schemas tab's field table from the command line: Python's preview before any build (the
// tools container), and a table it cannot mean refused with the row named.
const root = mkdtempSync(join(tmpdir(), "smk-cli-schemas-"));
const dir = join(root, "project");

const cli = testCli(root, 600_000);

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
