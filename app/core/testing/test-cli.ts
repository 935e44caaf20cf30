// The real CLI (`node bin/stagemaker.mjs`) as the tests drive it: its own state folder, the
// machine's CA bundle for image builds, a time limit that grows with STAGEMAKER_TEST_TIME_FACTOR.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { scaled } from "../../../scripts/test-env/time-factor";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a test runs the CLI in: its state under `root`, the machine's CA bundle for image builds. */
export const cliEnv = (root: string): NodeJS.ProcessEnv => ({
  ...process.env,
  STAGEMAKER_STATE_DIR: join(root, "state"),
  STAGEMAKER_EXTRA_CA_CERTS: process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt",
});

/**
 * A CLI runner whose state lives under `root`; each call is limited to `limitMs` × the time factor.
 * `extraEnv` of a call goes on top (another engine, another CA bundle).
 */
export function testCli(root: string, limitMs: number): (args: string[], extraEnv?: NodeJS.ProcessEnv) => Promise<CliRun> {
  const env = cliEnv(root);
  return (args, extraEnv = {}) =>
    new Promise((resolve) => {
      execFile(
        "node",
        ["bin/stagemaker.mjs", ...args],
        { env: { ...env, ...extraEnv }, timeout: scaled(limitMs), maxBuffer: 64 * 1024 ** 2 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
}
