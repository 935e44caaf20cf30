// A check's container, started the way SageMaker starts the image for this project, and its start
// watched until /ping answers 200 — or stopped watching the moment it will not (the server says its
// model failed to load, or the container exited).
import type Docker from "dockerode";
import { type CheckEvidence, StagemakerError } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { exitedReason, failureHint, loadFailureReason } from "../containers/failure-reason";
import { ping } from "../serving/ping";
import { newContainer } from "../containers/start-container";

export interface ProbeSetup {
  docker: Docker;
  image: string;
  project: { dir: string; id?: string };
  /** The deploy scripts' environment (deploy-env.ts). */
  env: string[];
  /** The model data volume (containers/model-data.ts), absent when the image carries the model. */
  modelMount?: Docker.MountSettings;
  memoryMb: number;
  labels: Record<string, string>;
  /** Cancel (the person, or the app quitting): the probe stops waiting and its container is removed. */
  signal?: AbortSignal;
}

export interface StartWatch {
  pings: CheckEvidence[];
  /** Seconds (ms) from start to the first 200. */
  healthyAt?: number;
  exited?: { code: number; oom: boolean };
  /** When it said so (ms from start). */
  failedAt?: number;
  /** Why it will never be healthy, in the server's words (or the exit's), with what to do. */
  failed?: { reason: string; hint?: string; lastLogs: string[] };
}

/** The `docker run` line a person could paste to start it the same way. */
export function runLine(s: ProbeSetup, extra = ""): string {
  const env = s.env.map((e) => ` -e ${e.split("=")[0]}`).join("");
  const model = s.modelMount ? " -v MODEL_DATA:/opt/ml/model:ro" : "";
  return `docker run --memory ${s.memoryMb}m --cap-drop ALL --security-opt no-new-privileges${env}${extra}${model} -p 127.0.0.1::8080 ${s.image} serve`;
}

export async function startProbe(
  s: ProbeSetup,
  { port = 8080, extraEnv = [] as string[] } = {},
): Promise<{ container: Docker.Container; hostPort: number; started: number }> {
  const container = await newContainer(s.docker, {
    kind: "check",
    image: s.image,
    project: s.project,
    cmd: ["serve"],
    env: [...s.env, ...extraEnv],
    labels: s.labels,
    publish: { port },
    mounts: s.modelMount ? [s.modelMount] : [],
    memoryMb: s.memoryMb,
  });
  const started = performance.now();
  await container.start();
  const hostPort = Number((await container.inspect()).NetworkSettings.Ports?.[`${port}/tcp`]?.[0]?.HostPort) || 0;
  return { container, hostPort, started };
}

/** Pings every 50 ms; each change of answer is kept as evidence. Returns at the first 200 or the first sign of failure. */
export async function watchStart(
  docker: Docker,
  container: Docker.Container,
  hostPort: number,
  started: number,
  limitMs: number,
  signal?: AbortSignal,
): Promise<StartWatch> {
  const pings: CheckEvidence[] = [];
  const since = () => performance.now() - started;
  let last = "";
  for (let i = 0; since() < limitMs; i++) {
    if (signal?.aborted) throw new StagemakerError("cancelled", "The readiness check was cancelled.");
    const p = hostPort ? await ping(hostPort, 2000) : { error: "no port published", status: undefined, notReady: undefined };
    const outcome = p.status ? `HTTP ${p.status}` : `no answer (${p.error})`;
    if (outcome !== last)
      pings.push({
        command: `curl http://127.0.0.1:${hostPort}/ping`,
        status: outcome,
        ms: Math.round(since()),
        detail: p.notReady?.message,
      });
    last = outcome;
    if (p.status === 200) return { pings, healthyAt: since() };
    if (p.notReady?.failed) {
      const reason = loadFailureReason(p.notReady.message);
      const lastLogs = await lastLogLines(docker, container, 15);
      return { pings, failedAt: since(), failed: { reason, hint: loadHint(reason, lastLogs), lastLogs } };
    }
    if (i % 5 === 0 || !p.status) {
      const state = (await container.inspect()).State;
      if (!state.Running) {
        const lastLogs = await lastLogLines(docker, container, 15);
        const reason = exitedReason(state.ExitCode, state.OOMKilled, lastLogs);
        return {
          pings,
          failedAt: since(),
          exited: { code: state.ExitCode, oom: state.OOMKilled },
          failed: { reason, hint: failureHint(reason, lastLogs), lastLogs },
        };
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pings };
}

/** What to do about a model that did not load where SageMaker would load it (not the Run tab's dev-mode advice). */
function loadHint(reason: string, lastLogs: string[]): string {
  const known = failureHint(reason, lastLogs); // dependency causes: numpy 2, a missing module, a version mismatch
  if (known) return known;
  if (/\/opt\/ml\/model/.test(reason)) {
    return "The predictor looks in /opt/ml/model, where SageMaker extracts model.tar.gz: put the file it loads in artifacts/ (they are what model.tar.gz must hold), then check again.";
  }
  return "The predictor's traceback is in the last log lines: fix model/, build, and check again.";
}
