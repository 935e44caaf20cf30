// Runs server/introspect.py in a short-lived container: no network, the artifact mounted read-only.
import type Docker from "dockerode";
import { type Introspection as IntrospectionT, Introspection, StagemakerError } from "../../../contract";
import { runToEnd } from "../../containers/start-container";

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
  const timeoutMs = o.timeoutMs ?? 180_000;
  // The sealed profile (containers/container-profile.ts): a hostile pickle gets nowhere, no network, nothing of the host but the artifact.
  const run = await runToEnd(
    docker,
    {
      kind: "intake",
      image: o.image,
      cmd: ["python", "-m", "server.introspect", `/opt/ml/model/${o.artifact}`, "--kind", o.kind],
      labels: { "com.stagemaker.intake": "introspect" },
      mounts: [{ Type: "bind", Source: o.artifactsDir, Target: "/opt/ml/model", ReadOnly: true }],
    },
    { signal: o.signal, timeoutMs, what: `Reading ${o.artifact}` },
  ).catch((err: unknown) => {
    if (err instanceof StagemakerError && err.code === "cancelled") throw new StagemakerError("cancelled", "Reading the model was cancelled.");
    if (err instanceof StagemakerError && err.code === "run-failed") throw new StagemakerError("run-failed", `Loading ${o.artifact} took longer than ${timeoutMs / 1000} s inside the container; it was stopped.`);
    throw err;
  });
  const lastErr = run.stderr.trim().split("\n").slice(-12).join("\n");
  if (run.exitCode !== 0)
    throw new StagemakerError(
      "run-failed",
      `${o.artifact} did not load with ${o.requirements.join(", ")} (exit ${run.exitCode}): ${lastErr.split("\n").pop() ?? ""}\n` +
        "Edit requirements.txt if the model needs other versions or packages, then try again.",
      { exitCode: run.exitCode, reason: "the model did not load", lastLogs: lastErr.split("\n") },
    );
  const text = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return Introspection.parse(JSON.parse(text));
  } catch (e) {
    throw new StagemakerError("internal", `The introspection script answered something unexpected: ${(e as Error).message}\n${text.slice(0, 500)}`);
  }
}
