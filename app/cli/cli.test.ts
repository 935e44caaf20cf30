import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUpProject, uniqueName } from "../core/testing/throwaway-template";
import { testCli } from "../core/testing/test-cli";
import { scaled } from "../../scripts/test-env/time-factor";

const root = mkdtempSync(join(tmpdir(), "smk-cli-"));
const name = uniqueName("cli");
const dir = join(root, "project");
let imageTag: string | undefined;

const cli = testCli(root, 600_000);

afterAll(async () => {
  await cleanUpProject(dir, imageTag);
});

describe("stagemaker CLI", () => {
  it("says the engine is not reachable, what to do, and exits 3", async () => {
    const r = await cli(["status"], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("Docker engine not reachable at unix:///nonexistent/docker.sock");
    expect(r.stdout).toContain("Start Docker");
  });

  it(
    "creates, builds, runs, invokes and stops a project, with --json for machines",
    async () => {
      const created = await cli(["--json", "new", dir, "--name", name]);
      expect(created.code).toBe(0);
      imageTag = JSON.parse(created.stdout).value.manifest.imageTag;
      expect(imageTag).toMatch(new RegExp(`^stagemaker/${name}-[a-z0-9]{8}:latest$`));

      const notRunning = await cli(["invoke", dir, "--data", "{}"]);
      expect(notRunning.code).toBe(7);
      expect(notRunning.stderr).toContain("Run it first");

      const built = await cli(["build", dir]);
      expect(built.code).toBe(0);
      expect(built.stderr).toMatch(/Step 1\/\d+/);
      expect(built.stdout).toMatch(new RegExp(`^Built ${imageTag} \\(\\d+\\.\\d MB\\) in`));

      const run = await cli(["run", dir]);
      expect(run.stdout).toMatch(/^healthy on http:\/\/127\.0\.0\.1:\d+/);
      expect(run.code).toBe(0);

      const answer = await cli(["invoke", dir, "--data", '{"instances":[{"field1":"asdf","field2":1.2}]}']);
      expect(answer.code).toBe(0);
      expect(JSON.parse(answer.stdout)).toEqual({ predictions: [{ output_field: "asdf:2.4" }] });
      expect(answer.stderr).toMatch(/HTTP 200/);

      const bad = await cli(["invoke", dir, "--data", "{broken"]);
      expect(bad.code).toBe(10);

      // The same run states as the app, with exit codes: a load failure on reload and on run is 6.
      const predictor = join(dir, "model", "predictor.py");
      const original = readFileSync(predictor, "utf8");
      writeFileSync(
        predictor,
        original.replace("self.factor = 2.0", 'raise ValueError("numpy.dtype size changed, may indicate binary incompatibility")'),
      );
      const broken = await cli(["reload", dir]);
      expect(broken.code).toBe(6);
      expect(broken.stderr).toContain("error: The predictor failed to load: ValueError: numpy.dtype size changed");
      expect(broken.stderr).toContain("What to do: A package was built for numpy 1");
      expect(broken.stderr).toContain("Traceback");
      const status = await cli(["status", dir]);
      expect(status.stdout).toContain("Container: ");
      expect(status.stdout).toContain("failed: The predictor failed to load");
      const failedRun = await cli(["run", dir]);
      expect(failedRun.code).toBe(6);
      expect(failedRun.stderr).toContain("numpy<2");
      writeFileSync(predictor, original);
      const fixed = await cli(["reload", dir]);
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toMatch(/^healthy on http:\/\/127\.0\.0\.1:\d+/);

      const stopped = await cli(["--json", "stop", dir]);
      expect(JSON.parse(stopped.stdout)).toEqual({ ok: true, value: { state: "stopped" } });
    },
    scaled(600_000),
  );

  it("shows the per-user settings with their sources and refuses a CA file that does not exist", async () => {
    const shown = await cli(["settings"], { SSL_CERT_FILE: "/etc/ssl/certs/ca-certificates.crt", STAGEMAKER_EXTRA_CA_CERTS: "" });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/caBundle\s+\/etc\/ssl\/certs\/ca-certificates\.crt\s+\(auto: env SSL_CERT_FILE\)/);
    const set = await cli(["settings", "--pip-index-url", "https://mirror.example/simple", "--ca-bundle", "none"]);
    expect(set.stdout).toMatch(/pipIndexUrl\s+https:\/\/mirror\.example\/simple\s+\(settings\)/);
    expect(set.stdout).toContain("(settings (no extra CA))");
    expect(set.stdout).toContain("keepRunningAfterQuit false");
    const keep = await cli(["settings", "--keep-running-after-quit", "yes"]);
    expect(keep.stdout).toContain("keepRunningAfterQuit true");
    expect(keep.stdout).toMatch(/pipIndexUrl\s+https:\/\/mirror\.example\/simple/); // the other settings kept
    const missing = await cli(["settings", "--ca-bundle", join(root, "no-such.pem")]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("does not exist");
  });

  it("refuses a folder that is not empty and exits 9", async () => {
    const r = await cli(["new", root]);
    expect(r.code).toBe(9);
    expect(r.stderr).toContain("already exists and is not empty");
  });
});
