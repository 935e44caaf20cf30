import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportFixture, git } from "../testing/export-fixture";

// Export on the real template, image and engine, into real git repositories (a local bare repo as
// the remote). One project and one image build for the file.
let fx: Awaited<ReturnType<typeof exportFixture>>;
let target: string;
let bare: string;
const count = (dir: string) => Number(git(dir, "rev-list", "--count", "HEAD"));

beforeAll(async () => {
  fx = await exportFixture("export");
  target = join(fx.root, "repo");
  bare = join(fx.root, "remote.git");
  execFileSync("git", ["init", "--bare", "--initial-branch=main", bare]);
  writeFileSync(join(fx.project.dir, "artifacts", "weights.json"), JSON.stringify({ factor: 2 }));
}, 600_000);

afterAll(async () => {
  await fx?.close();
});

// Each export reads the schemas in a container: slow on a busy 2-core machine, so generous limits.
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? "1") || 1;

describe("export to git", { timeout: 180_000 * factor }, () => {
  it("plans the first export without writing anything", async () => {
    const plan = await fx.plan({ to: target, remote: bare });
    expect(plan.refusal).toBeUndefined();
    expect(plan.target.exists).toBe(false);
    const paths = plan.changes.map((c) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "README.md",
        "Makefile",
        "model/predictor.py",
        "deploy/aws-cli/deploy-endpoint.sh",
        "deploy/kserve/inferenceservice.yaml",
        ".github/workflows/ci.yml",
        "artifacts/weights.json",
      ]),
    );
    expect(paths.some((p) => p.startsWith("deploy/boto3/"))).toBe(false);
    expect(plan.artifacts).toMatchObject({ decision: "commit", files: 1 });
    expect(existsSync(target)).toBe(false);
  });

  it("first export: init, one commit listing what changed, pushed to the bare remote", async () => {
    const events: { type: string; step?: string }[] = [];
    const result = await fx.exportTo({ to: target, remote: bare, push: true }, events);
    expect(result).toMatchObject({ committed: true, pushed: true, branch: "main" });
    expect(count(target)).toBe(1);
    expect(git(target, "rev-parse", "HEAD")).toBe(result.commit);
    expect(git(bare, "rev-parse", "main")).toBe(result.commit);
    const message = git(target, "log", "-1", "--format=%B");
    expect(message).toMatch(/^Export smk-test-export-.* from Stagemaker/);
    expect(message).toContain("model/predictor.py");
    expect(git(target, "status", "--porcelain")).toBe("");
    expect(events.filter((e) => e.type === "step").map((e) => e.step)).toEqual(["schemas", "check", "write", "commit", "push"]);
    // README tables come from the schemas Python produced.
    const readme = readFileSync(join(target, "README.md"), "utf8");
    expect(readme).toContain("| `field1` | string | yes |");
    expect(readme).toContain("| `output_field` | string | yes |");
    expect(readme).toContain("invoke_endpoint");
    expect(readFileSync(join(target, ".gitignore"), "utf8")).not.toMatch(/^artifacts\/$/m);
    // The panel and the CLI start from these next time; the message is not kept.
    const last = await fx.services["export.lastSettings"]({ project: fx.project.dir }, { signal: new AbortController().signal });
    expect(last).toMatchObject({ to: target, remote: bare, branch: "main", push: true });
  });

  it("re-export after a model edit makes exactly one new commit with only the changed file", async () => {
    const predictor = join(fx.project.dir, "model", "predictor.py");
    writeFileSync(predictor, readFileSync(predictor, "utf8").replace("self.factor = 2.0", "self.factor = 3.0"));
    const before = count(target);
    const result = await fx.exportTo({ to: target, remote: bare, push: true });
    expect(count(target)).toBe(before + 1);
    expect(git(target, "diff", "--name-only", "HEAD~1", "HEAD")).toBe("model/predictor.py");
    expect(result.changes).toEqual([expect.objectContaining({ path: "model/predictor.py", change: "modified" })]);
    expect(git(bare, "rev-parse", "main")).toBe(result.commit);
  });

  it("re-export with nothing changed makes no commit", async () => {
    const before = git(target, "rev-parse", "HEAD");
    const result = await fx.exportTo({ to: target });
    expect(result).toMatchObject({ committed: false, commit: before, changes: [] });
  });

  it("keeps the user's own files and removes files an earlier export wrote that are gone", async () => {
    writeFileSync(join(target, "NOTES.md"), "mine\n");
    git(target, "add", "NOTES.md");
    git(target, "commit", "-qm", "my notes");
    rmSync(join(fx.project.dir, "artifacts", "weights.json"));
    await fx.exportTo({ to: target });
    expect(readFileSync(join(target, "NOTES.md"), "utf8")).toBe("mine\n");
    expect(existsSync(join(target, "artifacts", "weights.json"))).toBe(false);
    expect(git(target, "show", "--name-status", "--format=", "HEAD")).toContain("D\tartifacts/weights.json");
  });

  it("refuses with an uncommitted change in the target and leaves it untouched", async () => {
    const readme = join(target, "README.md");
    writeFileSync(readme, "my local edit\n");
    const head = git(target, "rev-parse", "HEAD");
    writeFileSync(
      join(fx.project.dir, "model", "instance.py"),
      readFileSync(join(fx.project.dir, "model", "instance.py"), "utf8") + "\n# edited\n",
    );
    await expect(fx.exportTo({ to: target })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("uncommitted or untracked"),
    });
    expect(readFileSync(readme, "utf8")).toBe("my local edit\n");
    expect(git(target, "rev-parse", "HEAD")).toBe(head);
    expect(git(target, "status", "--porcelain")).toBe("M README.md");
    git(target, "checkout", "--", "README.md");
  });

  it("refuses an untracked file, another branch, and a non-git folder with files", async () => {
    writeFileSync(join(target, "scratch.txt"), "x");
    expect((await fx.plan({ to: target })).refusal).toContain("untracked");
    rmSync(join(target, "scratch.txt"));
    git(target, "switch", "-q", "-c", "feature");
    expect((await fx.plan({ to: target })).refusal).toContain("is on branch feature, not main");
    git(target, "switch", "-q", "main");
    const plain = join(fx.root, "plain");
    mkdirSync(plain);
    writeFileSync(join(plain, "file.txt"), "x");
    expect((await fx.plan({ to: plain })).refusal).toContain("not a git repository");
    expect((await fx.plan({ to: join(fx.project.dir, "out") })).refusal).toContain("overlaps the project");
    // A repository of the person's own whose README.md would be overwritten.
    const theirs = join(fx.root, "theirs");
    mkdirSync(theirs);
    git(theirs, "init", "-q", "--initial-branch=main");
    writeFileSync(join(theirs, "README.md"), "their readme\n");
    git(theirs, "add", "README.md");
    git(theirs, "commit", "-qm", "theirs");
    await expect(fx.exportTo({ to: theirs })).rejects.toMatchObject({
      message: expect.stringContaining("are yours (no earlier export wrote them) and would be overwritten: README.md"),
    });
    expect(readFileSync(join(theirs, "README.md"), "utf8")).toBe("their readme\n");
    expect(git(theirs, "status", "--porcelain")).toBe("");
  });

  it("refuses when the remote has diverged, and never force-pushes", async () => {
    const other = join(fx.root, "other-clone");
    execFileSync("git", ["clone", "-q", bare, other]);
    writeFileSync(join(other, "THEIRS.md"), "theirs\n");
    git(other, "add", "THEIRS.md");
    git(other, "commit", "-qm", "their commit");
    git(other, "push", "-q", "origin", "main");
    const remoteHead = git(bare, "rev-parse", "main");
    const head = git(target, "rev-parse", "HEAD");
    await expect(fx.exportTo({ to: target, push: true })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("has commits on main that the target does not"),
    });
    expect(git(target, "rev-parse", "HEAD")).toBe(head);
    expect(git(bare, "rev-parse", "main")).toBe(remoteHead);
    expect(git(target, "status", "--porcelain")).toBe("");
    // After pulling, the export goes through and pushes on top of their commit.
    git(target, "pull", "-q", "--no-rebase", "origin", "main");
    const result = await fx.exportTo({ to: target, push: true });
    expect(result.pushed).toBe(true);
    expect(git(bare, "rev-parse", "main")).toBe(result.commit);
    expect(git(bare, "merge-base", "--is-ancestor", remoteHead, "main")).toBe("");
  });

  it("a remote that wants credentials fails at once with git's reason, never waiting on a prompt", async () => {
    // An https-like remote that answers every request with 401, as a private repository does.
    const server = createServer((_req, res) => res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end());
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/me/model.git`;
    try {
      const plan = await fx.plan({ to: join(fx.root, "private"), remote: url, push: true });
      expect(plan.refusal).toContain(`Could not reach ${url}`);
      expect(plan.refusal).toContain("terminal prompts disabled");
      expect(existsSync(join(fx.root, "private"))).toBe(false);
    } finally {
      server.close();
    }
  });

  it("leaves large artifacts out (make package) or refuses LFS without git-lfs, and says so", async () => {
    writeFileSync(join(fx.project.dir, "artifacts", "big.bin"), Buffer.alloc(200_000));
    const plan = await fx.plan({ to: join(fx.root, "big"), artifactsThresholdMb: 0.1 });
    expect(plan.artifacts.decision).toBe("package");
    expect(plan.artifacts.bytes).toBeGreaterThanOrEqual(200_000);
    expect(plan.changes.some((c) => c.path.startsWith("artifacts/"))).toBe(false);
    const lfs = await fx.plan({ to: join(fx.root, "big"), artifactsThresholdMb: 0.1, largeArtifacts: "lfs" });
    const hasLfs = (() => {
      try {
        execFileSync("git", ["lfs", "version"], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    })();
    if (!hasLfs) {
      expect(lfs.refusal).toContain("git-lfs is not installed");
    } else {
      expect(lfs.changes.map((c) => c.path)).toEqual(expect.arrayContaining([".gitattributes", "artifacts/big.bin"]));
      const lfsTarget = join(fx.root, "big");
      const lfsRemote = join(fx.root, "big.git");
      execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", lfsRemote]);
      const result = await fx.exportTo({ to: lfsTarget, remote: lfsRemote, push: true, artifactsThresholdMb: 0.1, largeArtifacts: "lfs" });
      expect(result).toMatchObject({ pushed: true, artifacts: { decision: "lfs" } });
      // git holds a pointer; the working tree and a clone hold the bytes.
      expect(git(lfsTarget, "cat-file", "-p", "HEAD:artifacts/big.bin")).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1/);
      const lfsClone = join(fx.root, "big-clone");
      execFileSync("git", ["clone", "-q", lfsRemote, lfsClone]);
      expect(readFileSync(join(lfsClone, "artifacts", "big.bin")).length).toBe(200_000);
      expect(readFileSync(join(lfsClone, "README.md"), "utf8")).toContain("Git LFS");
    }
    rmSync(join(fx.project.dir, "artifacts", "big.bin"));
  });

  it("boto3 deploy scripts when chosen", async () => {
    const plan = await fx.plan({ to: join(fx.root, "boto"), deployTool: "boto3" });
    const paths = plan.changes.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(["deploy/boto3/deploy_endpoint.py", "deploy/boto3/batch_transform.py"]));
    expect(paths.some((p) => p.startsWith("deploy/aws-cli/"))).toBe(false);
  });
});
