// Tooling for the e2e fixtures and the UI bench: starts the browser host as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./renderer-build";

export interface SpawnedHost {
  /** The URL a person opens, with ?token=. */
  url: string;
  origin: string;
  token: string;
  workspaceDir: string;
  stop(): Promise<void>;
}

const readyPrefix = "STAGEMAKER_HOST_READY ";

/**
 * Starts the real browser host (real core, real engine) as its own process on a free port with a
 * fresh temp workspace and state dir; used by the e2e fixtures and the UI benchmark.
 * `dockerHost` points the core at another engine socket, e.g. one where nothing answers.
 */
export async function spawnHost(opts: { dockerHost?: string; quiet?: boolean } = {}): Promise<SpawnedHost> {
  const root = await mkdtemp(join(tmpdir(), "stagemaker-host-"));
  const workspaceDir = join(root, "workspace");
  const stateDir = join(root, "state");
  const env: NodeJS.ProcessEnv = { ...process.env, STAGEMAKER_NO_BROWSER: "1" };
  if (opts.dockerHost) env.DOCKER_HOST = opts.dockerHost;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "app/web/main.ts", "--port", "0", "--workspace", workspaceDir, "--state", stateDir, "--no-open"],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const ready = await waitForReady(child, opts.quiet ?? false);
  return {
    ...ready,
    workspaceDir,
    async stop() {
      await stopProcess(child);
      await rm(root, { recursive: true, force: true });
    },
  };
}

function waitForReady(child: ChildProcess, quiet: boolean): Promise<{ url: string; origin: string; token: string }> {
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error(`browser host did not start within 60 s\n${out}\n${err}`)), 60_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (!quiet) process.stderr.write(`[host] ${chunk.toString()}`);
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(readyPrefix));
      if (line) {
        clearTimeout(timer);
        done(JSON.parse(line.slice(readyPrefix.length)));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`browser host exited with ${code} before it was ready\n${out}\n${err}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
