// Runs `python -m server.frameworks …` (server-template/server/frameworks) in a short-lived
// container: no network, nothing of the host but what is mounted read-only. Every framework fact
// (pins, introspection, generated files) comes from there; the host only detects bytes.
import type Docker from "dockerode";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Refused, StagemakerError } from "../../../contract";

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
  const binds = (o.mounts ?? []).map((m) => `${m.host}:${m.container}:ro`);
  if (o.input !== undefined) {
    await writeFile(join(scratch, "input.json"), JSON.stringify(o.input));
    binds.push(`${scratch}:/in:ro`);
    args.push("/in/input.json");
  }
  const container = await docker.createContainer({
    Image: o.image,
    Cmd: ["python", "-m", "server.frameworks", ...args],
    WorkingDir: "/opt/program",
    Env: ["PYTHONPATH=/opt/program", "PYTHONDONTWRITEBYTECODE=1"],
    Labels: { "com.stagemaker.managed": "true", "com.stagemaker.intake": args[0] ?? "frameworks" },
    HostConfig: {
      Binds: binds,
      NetworkMode: "none", // a hostile pickle gets nowhere: no network, only what is mounted
      Memory: 4 * 1024 ** 3,
      PidsLimit: 256,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
    },
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const limit = o.timeoutMs ?? 180_000;
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    docker.modem.demuxStream(stream, new PassThrough().on("data", (b: Buffer) => stdout.push(b)), new PassThrough().on("data", (b: Buffer) => stderr.push(b)));
    await container.start();
    const timeout = AbortSignal.timeout(limit);
    const stop = () => void container.kill().catch(() => undefined);
    timeout.addEventListener("abort", stop, { once: true });
    o.signal?.addEventListener("abort", stop, { once: true });
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    timeout.removeEventListener("abort", stop);
    o.signal?.removeEventListener("abort", stop);
    if (o.signal?.aborted) throw new StagemakerError("cancelled", "Reading the model was cancelled.");
    if (timeout.aborted) throw new StagemakerError("run-failed", `${o.failure}: it took longer than ${limit / 1000} s inside the container and was stopped.`);
    const text = Buffer.concat(stdout).toString("utf8").trim().split("\n").pop() ?? "";
    const lastErr = Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-12);
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
      throw new StagemakerError("internal", `python -m server.frameworks ${args[0]} answered something unexpected: ${(e as Error).message}\n${text.slice(0, 500)}`);
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}
