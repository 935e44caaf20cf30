import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, expect, it } from "vitest";
import { exportFixture, git } from "../testing/export-fixture";
import { servicesOptions } from "../../faces-common/services-options";

// The "done when": export → a fresh `git clone` of the target → `make test` passes on this
// machine (real engine; the CA bundle from the environment, as a colleague behind the proxy has it).
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? "1") || 1;
let fx: Awaited<ReturnType<typeof exportFixture>>;
let clone: string;

beforeAll(async () => {
  fx = await exportFixture("clone", servicesOptions);
}, 600_000 * factor);

afterAll(async () => {
  await fx?.close();
});

/**
 * make names the images after the clone's folder: a fixed name keeps stagemaker-export-clone-test
 * :latest and :dev tagged between runs as the layer cache (by content, like the template suite's
 * stagemaker-test/template:*); the clone itself is fresh every run.
 */
const CLONE_NAME = "stagemaker-export-clone-test";

it(
  "exports, clones and passes make test in the clone",
  async () => {
    const target = join(fx.root, "exported");
    const result = await fx.exportTo({ to: target, deployTool: "boto3" });
    expect(result.committed).toBe(true);
    clone = join(fx.root, CLONE_NAME);
    execFileSync("git", ["clone", "-q", target, clone]);
    expect(git(clone, "rev-parse", "HEAD")).toBe(result.commit);

    const env = { ...process.env };
    // A machine behind a TLS-inspecting proxy names its CA bundle in one of these.
    if (!env.SSL_CERT_FILE && !env.REQUESTS_CA_BUNDLE && !env.PIP_CERT) env.SSL_CERT_FILE = "/etc/ssl/certs/ca-certificates.crt";
    const started = Date.now();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn("make", ["test"], { cwd: clone, env });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      child.on("close", (c) => resolve({ code: c, output }));
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`make test in a fresh clone: ${seconds.toFixed(1)} s wall, exit ${code}`);
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).toMatch(/build trusts the CA bundle/);
    expect(output).toMatch(/\d+ passed/);
    // The live phase ran against a container, which is gone afterwards.
    expect(output).toMatch(/live tests against container [0-9a-f]{12}/);
    const cid = output.match(/live tests against container ([0-9a-f]{12})/)![1]!;
    const left = await new Docker().listContainers({ all: true, filters: { id: [cid] } });
    expect(left).toHaveLength(0);
  },
  1_200_000 * factor,
);
