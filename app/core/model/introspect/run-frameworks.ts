// Runs `python -m tools.frameworks …` (server-template/tools/frameworks.py, over server/frameworks/) in a short-lived
// container: no network, nothing of the host but what is mounted read-only. Every framework fact
// (pins, introspection, generated files) comes from there; the host only detects bytes.
import type Docker from "dockerode";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Refused, StagemakerError } from "../../../contract";
import { runToEnd } from "../../containers/start-container";

export interface FrameworksRun {
  image: string;
  /** pins | introspect | generate and their arguments; an input object goes in as /in/input.json. */
  args: string[];
  input?: unknown;
  /** Host folders to mount read-only, e.g. the template's server/ over the image's or artifacts/. */
  mounts?: { host: string; container: string }[];
  /** What the person reads if it fails, e.g. "model.joblib did not load with scikit-learn==1.5.2". */
  failure: string;
  /** What to do when it fails (advice that works when followed). */
  advice: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The command's one JSON answer; a refusal (exit 3) becomes an invalid-input error saying what to do. */
export async function runFrameworks(docker: Docker, o: FrameworksRun): Promise<unknown> {
  const scratch = await mkdtemp(join(tmpdir(), "stagemaker-frameworks-"));
  const args = [...o.args];
  const mounts: Docker.MountSettings[] = (o.mounts ?? []).map((m) => ({
    Type: "bind",
    Source: m.host,
    Target: m.container,
    ReadOnly: true,
  }));
  if (o.input !== undefined) {
    await writeFile(join(scratch, "input.json"), JSON.stringify(o.input));
    mounts.push({ Type: "bind", Source: scratch, Target: "/in", ReadOnly: true });
    args.push("/in/input.json");
  }
  const limit = o.timeoutMs ?? 180_000;
  try {
    // The sealed profile (containers/container-profile.ts): a hostile pickle gets nowhere, no network, only what is mounted.
    const run = await runToEnd(
      docker,
      {
        kind: "introspect",
        image: o.image,
        cmd: ["python", "-m", "tools.frameworks", ...args],
        workingDir: "/opt/program",
        env: ["PYTHONPATH=/opt/program", "PYTHONDONTWRITEBYTECODE=1"],
        labels: { "com.stagemaker.introspect": args[0] ?? "frameworks" },
        mounts,
      },
      { signal: o.signal, timeoutMs: limit, what: o.failure },
    ).catch((err: unknown) => {
      if (err instanceof StagemakerError && err.code === "cancelled")
        throw new StagemakerError("cancelled", "Reading the model was cancelled.");
      if (err instanceof StagemakerError && err.code === "run-failed")
        throw new StagemakerError(
          "run-failed",
          `${o.failure}: it took longer than ${limit / 1000} s inside the container and was stopped.`,
        );
      throw err;
    });
    const StatusCode = run.exitCode;
    const text = run.stdout.trim().split("\n").pop() ?? "";
    const lastErr = run.stderr.trim().split("\n").slice(-12);
    if (StatusCode === 3) {
      const { refused } = Refused.parse(JSON.parse(text));
      throw new StagemakerError("invalid-input", `${refused.message} ${refused.why} ${refused.todo}`);
    }
    if (StatusCode !== 0)
      throw new StagemakerError("run-failed", `${o.failure} (exit ${StatusCode}): ${lastErr[lastErr.length - 1] ?? ""}\n${o.advice}`, {
        exitCode: StatusCode,
        reason: o.failure,
        lastLogs: lastErr,
      });
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new StagemakerError(
        "internal",
        `python -m tools.frameworks ${args[0]} answered something unexpected: ${(e as Error).message}\n${text.slice(0, 500)}`,
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
