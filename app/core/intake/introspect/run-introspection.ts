// Runs server/introspect.py in a short-lived container: no network, the artifact mounted read-only.
import type Docker from "dockerode";
import { PassThrough } from "node:stream";
import { type Introspection as IntrospectionT, Introspection, StagemakerError } from "../../../contract";

export interface IntrospectOptions {
  image: string;
  artifactsDir: string;
  artifact: string; // relative to artifacts/
  kind: string;
  requirements: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function runIntrospection(docker: Docker, o: IntrospectOptions): Promise<IntrospectionT> {
  const container = await docker.createContainer({
    Image: o.image,
    Cmd: ["python", "-m", "server.introspect", `/opt/ml/model/${o.artifact}`, "--kind", o.kind],
    Labels: { "com.stagemaker.managed": "true", "com.stagemaker.intake": "introspect" },
    HostConfig: {
      Binds: [`${o.artifactsDir}:/opt/ml/model:ro`],
      NetworkMode: "none", // a hostile pickle gets nowhere: no network, nothing of the host but the artifact
      Memory: 4 * 1024 ** 3,
      PidsLimit: 256,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
    },
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = new PassThrough().on("data", (b: Buffer) => stdout.push(b));
    const err = new PassThrough().on("data", (b: Buffer) => stderr.push(b));
    docker.modem.demuxStream(stream, out, err);
    await container.start();
    const timeout = AbortSignal.timeout(o.timeoutMs ?? 180_000);
    const stop = () => void container.kill().catch(() => undefined);
    timeout.addEventListener("abort", stop, { once: true });
    o.signal?.addEventListener("abort", stop, { once: true });
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    timeout.removeEventListener("abort", stop);
    if (o.signal?.aborted) throw new StagemakerError("cancelled", "Reading the model was cancelled.");
    const lastErr = Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-12).join("\n");
    if (timeout.aborted) throw new StagemakerError("run-failed", `Loading ${o.artifact} took longer than ${(o.timeoutMs ?? 180_000) / 1000} s inside the container; it was stopped.`);
    if (StatusCode !== 0)
      throw new StagemakerError(
        "run-failed",
        `${o.artifact} did not load with ${o.requirements.join(", ")} (exit ${StatusCode}): ${lastErr.split("\n").pop() ?? ""}\n` +
          "Edit requirements.txt if the model needs other versions or packages, then try again.",
        { exitCode: StatusCode, reason: "the model did not load", lastLogs: lastErr.split("\n") },
      );
    const text = Buffer.concat(stdout).toString("utf8").trim().split("\n").pop() ?? "";
    try {
      return Introspection.parse(JSON.parse(text));
    } catch (e) {
      throw new StagemakerError("internal", `The introspection script answered something unexpected: ${(e as Error).message}\n${text.slice(0, 500)}`);
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
