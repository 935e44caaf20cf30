// SAGEMAKER_BIND_TO_PORT: the label must be there, and a server started with another port must use it.
import type { CheckPoint } from "../../contract";
import { removeStarted } from "../containers/start-container";
import { BIND_TO_PORT_LABEL } from "./image-facts";
import { type ProbeSetup, runLine, startProbe, watchStart } from "./probe-container";

const PORT = 8123;

export async function bindToPortPoint(setup: ProbeSetup, hasLabel: boolean, limitMs: number): Promise<CheckPoint> {
  const { container, hostPort, started } = await startProbe(setup, { port: PORT, extraEnv: [`SAGEMAKER_BIND_TO_PORT=${PORT}`] });
  try {
    // Stops at the first 200, or at once when the server says its model failed or the container exits.
    const watch = await watchStart(setup.docker, container, hostPort, started, limitMs, setup.signal);
    const honoured = watch.healthyAt !== undefined;
    const last = watch.pings.at(-1);
    const hint = watch.failed
      ? `The server did not start on port ${PORT}: ${watch.failed.reason} ${watch.failed.hint ?? ""}`.trim()
      : `Serial inference pipelines give each container its port in SAGEMAKER_BIND_TO_PORT: listen there when it is set, and declare it with LABEL ${BIND_TO_PORT_LABEL}=true.`;
    return {
      id: "bind-to-port",
      title: "The SAGEMAKER_BIND_TO_PORT label is there and honoured",
      status: hasLabel && honoured ? "pass" : "fail",
      evidence: [
        {
          command: `docker image inspect IMAGE --format '{{index .Config.Labels "${BIND_TO_PORT_LABEL}"}}'`,
          status: hasLabel ? "true" : "missing",
        },
        {
          command: `${runLine(setup, ` -e SAGEMAKER_BIND_TO_PORT=${PORT}`).replace("::8080", `::${PORT}`)}; curl http://127.0.0.1:HOSTPORT/ping`,
          status: honoured ? "HTTP 200" : (last?.status ?? "no answer"),
          ms: Math.round(watch.healthyAt ?? performance.now() - started),
          detail: watch.failed ? [watch.failed.reason, ...watch.failed.lastLogs].join("\n") : undefined,
        },
      ],
      hint: hasLabel && honoured ? undefined : hint,
    };
  } finally {
    await removeStarted(setup.docker, container).catch(() => undefined);
  }
}
