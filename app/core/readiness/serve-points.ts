// The points that need the server running: one container started as SageMaker would (`serve`, the model
// data copied read-only into /opt/ml/model, the deploy scripts' environment, the instance's memory),
// probed from its first second to its SIGTERM.
import { PassThrough } from "node:stream";
import type { CheckInput, CheckPoint } from "../../contract";
import { removeStarted } from "../containers/start-container";
import { type ProbeSetup, runLine, startProbe, watchStart } from "./probe-container";
import { evidence, probe } from "./probes";

const MAX_PAYLOAD = 6 * 1024 * 1024; // SageMaker's 6 MB
const UNKNOWN_TYPE = "application/x-stagemaker-unknown";

export interface ServeContext {
  setup: ProbeSetup;
  /** SageMaker's health-check window for start-up. */
  windowMs: number;
  input: CheckInput;
  sample: { body: string; contentType: string; given: boolean };
  say: (point: CheckPoint) => void;
}

export async function servePoints(c: ServeContext): Promise<{ startupMs?: number; failedAtMs?: number }> {
  const { docker } = c.setup;
  const { input } = c;
  const line = runLine(c.setup);
  const { container, hostPort: port, started } = await startProbe(c.setup);
  try {
    const since = () => performance.now() - started;
    const watch = await watchStart(docker, container, port, started, c.windowMs, c.setup.signal);
    const { pings, exited, failed } = watch;
    const healthy = watch.healthyAt !== undefined ? { at: watch.healthyAt } : undefined;
    // At the first 200, ask /invocations at once: a model still loading shows here.
    const firstCall = healthy
      ? {
          p: await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType }, Buffer.from(c.sample.body), 60_000),
          at: 0,
        }
      : undefined;
    if (firstCall) firstCall.at = since();
    c.say({
      id: "serve-starts",
      title: "`docker run IMAGE serve` starts the server",
      status: exited ? "fail" : "pass",
      evidence: [
        {
          command: line,
          status: exited ? `exited with code ${exited.code}${exited.oom ? " (out of memory)" : ""}` : "running",
          detail: exited ? failed?.lastLogs.join("\n") : undefined,
        },
      ],
      hint: exited
        ? (failed?.hint ??
          "SageMaker runs `serve` as the command: the image needs an executable `serve` on PATH that starts the server in the foreground.")
        : undefined,
    });
    const window = Math.round(c.windowMs / 1000);
    c.say({
      id: "ping-within-limit",
      title: `/ping answers 200 within SageMaker's ${window} s health-check window`,
      status: healthy ? "pass" : "fail",
      evidence: [
        ...pings.slice(-6),
        healthy
          ? {
              command: line,
              status: `healthy after ${(healthy.at / 1000).toFixed(1)} s of the ${window} s window`,
              ms: Math.round(healthy.at),
            }
          : {
              command: line,
              status: failed ? "will never be healthy" : `not healthy within ${window} s`,
              detail: failed ? [failed.reason, ...failed.lastLogs].join("\n") : undefined,
            },
      ],
      hint: healthy
        ? undefined
        : failed
          ? `${failed.reason} ${failed.hint ?? ""}`.trim()
          : "The server must answer GET /ping with 200 once the model is loaded, within the endpoint's health-check window (ContainerStartupHealthCheckTimeoutInSeconds raises it, up to 3600 s).",
    });
    const callOk = firstCall && firstCall.p.status !== undefined && firstCall.p.status < 500;
    c.say({
      id: "ping-after-load",
      title: "/ping does not answer 200 before the model has loaded",
      status: !firstCall ? "skip" : callOk ? "pass" : "fail",
      evidence: firstCall
        ? [
            pings[pings.length - 1]!,
            evidence(port, "POST", "/invocations", firstCall.p, { "Content-Type": c.sample.contentType }, "-d SAMPLE", firstCall.at),
          ]
        : [],
      hint:
        firstCall && !callOk
          ? "/ping said 200 but /invocations right after it failed: answer /ping 200 only once the model is loaded (load it before the server accepts connections)."
          : undefined,
    });
    if (!healthy || !port) {
      const why = failed?.reason ?? "never healthy";
      for (const id of [
        "invocations",
        "media-types",
        "payload-limit",
        "execution-parameters",
        "read-only-model",
        "memory-limit",
        "sigterm",
      ] as const) {
        c.say({
          id,
          title: id === "memory-limit" ? `Starts and answers under ${c.setup.memoryMb} MB` : titles[id],
          status: "fail",
          evidence: [{ command: line, status: exited ? `exited with code ${exited.code}` : "never healthy", detail: why }],
          hint: `Fix the start-up first: ${why}`,
        });
      }
      return { failedAtMs: watch.failedAt };
    }

    const call = await probe(port, "POST", "/invocations", { "Content-Type": c.sample.contentType }, Buffer.from(c.sample.body), 60_000);
    const callPass = call.status !== undefined && (c.sample.given ? call.status < 300 : call.status < 500);
    c.say({
      id: "invocations",
      title: titles.invocations,
      status: callPass ? "pass" : "fail",
      evidence: [
        evidence(port, "POST", "/invocations", call, { "Content-Type": c.sample.contentType }, `-d '${c.sample.body.slice(0, 80)}'`),
      ],
    });

    const wrongType = await probe(port, "POST", "/invocations", { "Content-Type": UNKNOWN_TYPE }, Buffer.from("x"));
    const wrongAccept = await probe(
      port,
      "POST",
      "/invocations",
      { "Content-Type": c.sample.contentType, Accept: UNKNOWN_TYPE },
      Buffer.from(c.sample.body),
    );
    c.say({
      id: "media-types",
      title: titles["media-types"],
      status: wrongType.status === 415 && wrongAccept.status === 406 ? "pass" : "fail",
      evidence: [
        evidence(port, "POST", "/invocations", wrongType, { "Content-Type": UNKNOWN_TYPE }, "-d x"),
        evidence(port, "POST", "/invocations", wrongAccept, { "Content-Type": c.sample.contentType, Accept: UNKNOWN_TYPE }, "-d SAMPLE"),
      ],
      hint:
        wrongType.status === 415 && wrongAccept.status === 406
          ? undefined
          : "Answer 415 for a Content-Type the model cannot read and 406 for an Accept it cannot produce, so callers see why.",
    });

    const big = await probe(
      port,
      "POST",
      "/invocations",
      { "Content-Type": c.sample.contentType },
      Buffer.alloc(MAX_PAYLOAD + 1, 0x20),
      30_000,
    );
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
      paramsOk =
        params.status === 200 &&
        Number.isInteger(v.MaxConcurrentTransforms) &&
        Number.isInteger(v.MaxPayloadInMB) &&
        /^(MULTI|SINGLE)_RECORD$/.test(String(v.BatchStrategy));
    } catch {
      paramsOk = false;
    }
    c.say({
      id: "execution-parameters",
      title: titles["execution-parameters"],
      status: paramsOk ? "pass" : "fail",
      evidence: [evidence(port, "GET", "/execution-parameters", params)],
      hint: paramsOk
        ? undefined
        : 'Batch transform asks GET /execution-parameters first: answer {"MaxConcurrentTransforms": n, "BatchStrategy": "MULTI_RECORD", "MaxPayloadInMB": 6}.',
    });

    if (c.setup.modelMount) {
      const exec = await container.exec({
        Cmd: ["sh", "-c", "touch /opt/ml/model/.stagemaker-probe 2>&1; echo exit=$?"],
        AttachStdout: true,
        AttachStderr: true,
      });
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
        evidence: [
          {
            command: "docker exec CONTAINER touch /opt/ml/model/.stagemaker-probe",
            status: out.includes("exit=0") ? "writable" : "refused: read-only",
            detail: out,
          },
          { command: "GET /ping with /opt/ml/model read-only", status: "HTTP 200", ms: Math.round(healthy.at) },
        ],
      });
    } else
      c.say({
        id: "read-only-model",
        title: titles["read-only-model"],
        status: "skip",
        evidence: [{ command: "stagemaker.json bakeArtifacts", status: "true: the model is inside the image" }],
      });

    const stats = (await container.stats({ stream: false })) as { memory_stats?: { usage?: number; max_usage?: number; limit?: number } };
    const state = (await container.inspect()).State;
    c.say({
      id: "memory-limit",
      title: `Starts and answers under ${c.setup.memoryMb} MB`,
      status: state.Running && !state.OOMKilled ? "pass" : "fail",
      evidence: [
        {
          command: line,
          status: state.OOMKilled ? "killed: out of memory" : "running",
          detail: `memory in use ${((stats.memory_stats?.usage ?? 0) / 1e6).toFixed(0)} MB of ${((stats.memory_stats?.limit ?? c.setup.memoryMb * 1024 * 1024) / 1e6).toFixed(0)} MB`,
        },
      ],
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
      evidence: [
        {
          command: `docker stop -t ${input.graceSeconds} CONTAINER`,
          status: `exited with code ${after.ExitCode}${killed ? " (SIGKILL after the grace period)" : ""}`,
          ms: Math.round(stopMs),
        },
      ],
      hint: killed
        ? "The server ignored SIGTERM: run it with exec-form ENTRYPOINT/CMD (so it is PID 1 and gets the signal) and finish in-flight requests, then exit."
        : undefined,
    });
    return { startupMs: healthy.at };
  } finally {
    await removeStarted(docker, container).catch(() => undefined);
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
