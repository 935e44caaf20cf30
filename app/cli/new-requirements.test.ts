// `stagemaker new DIR --requirements FILE`: the versions a person (or a notebook's scaffold) asks for
// become the project's requirements.txt before anything is planned; an unreadable file makes no project.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testCli } from "../core/testing/test-cli";

const root = mkdtempSync(join(tmpdir(), "smk-notebook-new-"));

afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = testCli(root, 120_000);

describe("stagemaker new --requirements", () => {
  it("writes the given requirements as the project's requirements.txt", async () => {
    const reqs = join(root, "notebook.txt");
    writeFileSync(reqs, "# the notebook's environment\nscikit-learn==1.9.1\nnumpy==2.4.6\n");
    const r = await cli(["--json", "new", join(root, "p"), "--name", "smk-notebook-reqs", "--requirements", reqs]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, "p", "requirements.txt"), "utf8")).toBe(readFileSync(reqs, "utf8"));
  });

  it("refuses a file it cannot read, says so, and makes no project", async () => {
    const r = await cli(["new", join(root, "q"), "--requirements", join(root, "missing.txt")]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("cannot read");
    expect(r.stderr).toContain("No project was created");
    expect(existsSync(join(root, "q"))).toBe(false);
  });
});
