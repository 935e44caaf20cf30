import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { cleanUpProject, uniqueName } from "../../core/testing/throwaway-template";
import { testCli } from "../../core/testing/test-cli";

// `stagemaker export` as a person types it: exports, says what it committed, and refuses (exit 9,
// the reason on stderr) when the target has uncommitted work.
const root = mkdtempSync(join(tmpdir(), "smk-cli-export-"));
const dir = join(root, "project");
const target = join(root, "repo");
let imageTag: string | undefined;

const cli = testCli(root, 600_000);

afterAll(async () => {
  await cleanUpProject(dir, imageTag);
});

it("exports with --json, then refuses an uncommitted change with exit 9 and the reason", async () => {
  const created = await cli(["--json", "new", dir, "--name", uniqueName("cliexp")]);
  imageTag = JSON.parse(created.stdout).value.manifest.imageTag;
  const bare = join(root, "remote.git");
  execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", bare]);

  const first = await cli(["--json", "export", dir, "--to", target, "--remote", bare, "--push", "-m", "First cut"]);
  expect(first.code, first.stderr).toBe(0);
  const value = JSON.parse(first.stdout).value;
  expect(value).toMatchObject({ committed: true, pushed: true, branch: "main" });
  expect(execFileSync("git", ["log", "-1", "--format=%s"], { cwd: target, encoding: "utf8" }).trim()).toBe("First cut");

  writeFileSync(join(target, "Makefile"), "edited by hand\n");
  const refused = await cli(["export", dir]); // --to comes from the last export
  expect(refused.code).toBe(9);
  expect(refused.stderr).toContain("Export refused, nothing was written");
  expect(refused.stderr).toContain("uncommitted or untracked changes");

  const plan = await cli(["export", dir, "--plan", "--branch", "other"]);
  expect(plan.code).toBe(9);
  expect(plan.stdout).toContain("Refused:");
}, 900_000);
