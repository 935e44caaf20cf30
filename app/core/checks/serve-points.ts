// The points that need the server running: one container started as SageMaker would (`serve`, the model
// read-only at /opt/ml/model, the chosen memory limit), probed from its first second to its SIGTERM.
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import type { CheckEvidence, CheckInput, CheckPoint } from "../../contract";
import { lastLogLines } from "../containers/container-logs";
import { evidence, probe } from "./probes";

const MAX_PAYLOAD = 6 * 1024 * 1024; // SageMaker's 6 MB
const UNKNOWN_TYPE = "application/x-stagemaker-unknown";

export interface ServeContext {
  docker: Docker;
  image: string;
  env: string[];
  modelDir?: string;
  healthLimitMs: number;
  input: CheckInput;
  sample: { body: string; contentType: string; given: boolean };
  labels: Record<string, string>;
  say: (point: CheckPoint) => void;
}

export async function servePoints(c: ServeContext): Promise<{ startupMs?: number }> {
  const { docker, image, input } = c;
  const memory = input.memoryMb * 1024 * 1024;
  const runLine = `docker run --memory ${input.memoryMb}m${c.modelDir ? " -v ARTIFACTS:/opt/ml/model:ro" : ""} -p 127.0.0.1::8080 ${image} serve`;
  const container = await docker.createContainer({
    Image: image,
    Cmd: ["serve"],
    Env: c.env,
    Labels: { "com.stagemaker.managed": "true", ...c.labels },
    ExposedPorts: { "8080/tcp": {} },
    HostConfig: {
      PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
      Mounts: c.modelDir ? [{ Type: "bind", Source: c.modelDir, Target: "/opt/ml/model", ReadOnly: true }] : [],
      Memory: memory,
      MemorySwap: memory,
    },
  });
  try {
    const started = performance.now();
    await container.start();
    const port = Number((await container.inspect()).NetworkSettings.Ports?.["8080/tcp"]?.[0]?.HostPort) || 0;
    const since = () => performance.now() - started;

    // Ping from the first moment; at the first 200, ask /invocations at once: a model still loading shows here.
    const pings: CheckEvidence[] = [];
    let healthy: { at: number } | undefined;
    let firstCall: { p: Awaited<ReturnType<typeof probe>>; at: number } | undefined;
    let exited: { code: number; oom: boolean } | undefined;
    let last = "";
    for (let i = 0; !healthy && since() < c.healthLimitMs; i++) {
      const p = port ? await probe(port, "GET", "/ping", {}, undefined, 2000) : { body: "", ms: 0, error: "no port" };
      const now = since();
      const outcome = p.status ? `HTTP ${p.status}` : "no answer";
      if (outcome !== last) pings.push(evidence(port, "GET", "/ping", p, {}, undefined, now));
      last = outcome;
      if (p.status === 200) {
        healthy = { at: now };
        const call = await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType }, Buffer.from(c.sample.body), 60_000);
        firstCall = { p: call, at: since() };
        break;
      }
      if (i % 5 === 0) {
        const state = (await container.inspect()).State;
        if (!state.Running) exited = { code: state.ExitCode, oom: state.OOMKilled };
        if (exited) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const logs = healthy ? [] : await lastLogLines(docker, container, 15);
    c.say({
      id: "serve-starts",
      title: "`docker run IMAGE serve` starts the server",
      status: exited ? "fail" : "pass",
      evidence: [{ command: runLine, status: exited ? `exited with code ${exited.code}${exited.oom ? " (out of memory)" : ""}` : "running", detail: exited ? logs.join("\n") : undefined }],
      hint: exited ? "SageMaker runs `serve` as the command: the image needs an executable `serve` on PATH that starts the server in the foreground." : undefined,
    });
    c.say({
      id: "ping-within-limit",
      title: `/ping answers 200 within ${Math.round(c.healthLimitMs / 1000)} s`,
      status: healthy ? "pass" : "fail",
      evidence: pings.slice(-6),
      hint: healthy ? undefined : "The server must answer GET /ping with 200 once the model is loaded, within the endpoint's health-check limit.",
    });
    const callOk = firstCall && firstCall.p.status !== undefined && firstCall.p.status < 500;
    c.say({
      id: "ping-after-load",
      title: "/ping does not answer 200 before the model has loaded",
      status: !firstCall ? "skip" : callOk ? "pass" : "fail",
      evidence: firstCall ? [pings[pings.length - 1]!, evidence(port, "POST", "/invocations", firstCall.p, { "Content-Type": c.sample.contentType }, "-d SAMPLE", firstCall.at)] : [],
      hint: firstCall && !callOk ? "/ping said 200 but /invocations right after it failed: answer /ping 200 only once the model is loaded (load it before the server accepts connections)." : undefined,
    });
    if (!healthy || !port) {
      for (const id of ["invocations", "media-types", "payload-limit", "execution-parameters", "read-only-model", "memory-limit", "sigterm"] as const) {
        c.say({ id, title: titles[id], status: "fail", evidence: [{ command: runLine, status: exited ? `exited with code ${exited.code}` : "never healthy" }], hint: "Fix the start-up first." });
      }
      return {};
    }

    const call = await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType }, Buffer.from(c.sample.body), 60_000);
    const callPass = call.status !== undefined && (c.sample.given ? call.status < 300 : call.status < 500);
    c.say({ id: "invocations", title: titles.invocations, status: callPass ? "pass" : "fail", evidence: [evidence(port, "POST", "/invocations", call, { "Content-Type": c.sample.contentType }, `-d '${c.sample.body.slice(0, 80)}'`)] });

    const wrongType = await probe(port, "POST", "/invocations", { "Content-Type": UNKNOWN_TYPE }, Buffer.from("x"));
    const wrongAccept = await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType, Accept: UNKNOWN_TYPE }, Buffer.from(c.sample.body));
    c.say({
      id: "media-types",
      title: titles["media-types"],
      status: wrongType.status === 415 && wrongAccept.status === 406 ? "pass" : "fail",
      evidence: [evidence(port, "POST", "/invocations", wrongType, { "Content-Type": UNKNOWN_TYPE }, "-d x"), evidence(port, "POST", "/invocations", wrongAccept, { "Content-Type": c.sample.contentType, Accept: UNKNOWN_TYPE }, "-d SAMPLE")],
      hint: wrongType.status === 415 && wrongAccept.status === 406 ? undefined : "Answer 415 for a Content-Type the model cannot read and 406 for an Accept it cannot produce, so callers see why.",
    });

    const big = await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType }, Buffer.alloc(MAX_PAYLOAD + 1, 0x20), 30_000);
    c.say({
      id: "payload-limit",
      title: titles["payload-limit"],
      status: big.status === 413 ? "pass" : "fail",
      evidence: [evidence(port, "POST", "/invocations", big, { "Content-Type": c.sample.contentType }, `--data-binary @6MB+1-byte-file`)],
      hint: big.status === 413 ? undefined : "Refuse bodies over 6 MB (SAGEMAKER_MAX_PAYLOAD_IN_MB) with 413 instead of reading them.",
    });

    const params = await probe(port, "GET", "/execution-parameters");
    let paramsOk = false;
    try {
      const v = JSON.parse(params.body) as Record<string, unknown>;
      paramsOk = params.status === 200 && Number.isInteger(v.MaxConcurrentTransforms) && Number.isInteger(v.MaxPayloadInMB) && /^(MULTI|SINGLE)_RECORD$/.test(String(v.BatchStrategy));
    } catch {
      paramsOk = false;
    }
    c.say({
      id: "execution-parameters",
      title: titles["execution-parameters"],
      status: paramsOk ? "pass" : "fail",
      evidence: [evidence(port, "GET", "/execution-parameters", params)],
      hint: paramsOk ? undefined : 'Batch transform asks GET /execution-parameters first: answer {"MaxConcurrentTransforms": n, "BatchStrategy": "MULTI_RECORD", "MaxPayloadInMB": 6}.',
    });

    if (c.modelDir) {
      const exec = await container.exec({ Cmd: ["sh", "-c", "touch /opt/ml/model/.stagemaker-probe 2>&1; echo exit=$?"], AttachStdout: true, AttachStderr: true });
      const out = await new Promise<string>((resolve) =>
        exec.start({}, (_e, stream) => {
          if (!stream) return resolve("");
          let text = "";
          const sink = new PassThrough().on("data", (d: Buffer) => (text += d.toString("utf8")));
          docker.modem.demuxStream(stream, sink, sink); // the engine frames stdout/stderr with 8-byte headers
          stream.on("end", () => resolve(text.trim()));
        }),
      );
      c.say({
        id: "read-only-model",
        title: titles["read-only-model"],
        status: out.includes("exit=0") ? "fail" : "pass",
        evidence: [{ command: "docker exec CONTAINER touch /opt/ml/model/.stagemaker-probe", status: out.includes("exit=0") ? "writable" : "refused: read-only", detail: out }, { command: "GET /ping with /opt/ml/model read-only", status: "HTTP 200", ms: Math.round(healthy.at) }],
      });
    } else c.say({ id: "read-only-model", title: titles["read-only-model"], status: "skip", evidence: [{ command: "stagemaker.json bakeArtifacts", status: "true: the model is inside the image" }] });

    const stats = (await container.stats({ stream: false })) as { memory_stats?: { usage?: number; max_usage?: number; limit?: number } };
    const state = (await container.inspect()).State;
    c.say({
      id: "memory-limit",
      title: `Starts and answers under ${input.memoryMb} MB`,
      status: state.Running && !state.OOMKilled ? "pass" : "fail",
      evidence: [{ command: runLine, status: state.OOMKilled ? "killed: out of memory" : "running", detail: `memory in use ${((stats.memory_stats?.usage ?? 0) / 1e6).toFixed(0)} MB of ${((stats.memory_stats?.limit ?? memory) / 1e6).toFixed(0)} MB` }],
    });

    const stopStarted = performance.now();
    await container.stop({ t: input.graceSeconds }).catch(() => undefined);
    const stopMs = performance.now() - stopStarted;
    const after = (await container.inspect()).State;
    const killed = after.ExitCode === 137 || stopMs >= input.graceSeconds * 1000;
    c.say({
      id: "sigterm",
      title: `SIGTERM stops the container within ${input.graceSeconds} s`,
      status: killed ? "fail" : "pass",
      evidence: [{ command: `docker stop -t ${input.graceSeconds} CONTAINER`, status: `exited with code ${after.ExitCode}${killed ? " (SIGKILL after the grace period)" : ""}`, ms: Math.round(stopMs) }],
      hint: killed ? "The server ignored SIGTERM: run it with exec-form ENTRYPOINT/CMD (so it is PID 1 and gets the signal) and finish in-flight requests, then exit." : undefined,
    });
    return { startupMs: healthy.at };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

export const titles = {
  invocations: "/invocations answers",
  "media-types": "Unknown Content-Type gets 415, unknown Accept gets 406",
  "payload-limit": "A body over 6 MB gets 413",
  "execution-parameters": "GET /execution-parameters answers",
  "read-only-model": "The model is read from a read-only /opt/ml/model",
  "memory-limit": "Starts and answers under the memory limit",
  sigterm: "SIGTERM stops the container within the grace period",
} as const;
