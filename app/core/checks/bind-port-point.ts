// SAGEMAKER_BIND_TO_PORT: the label must be there, and a server started with another port must use it.
import type Docker from "dockerode";
import type { CheckPoint } from "../../contract";
import { BIND_TO_PORT_LABEL } from "./image-facts";
import { evidence, probe } from "./probes";

const PORT = 8123;

export async function bindToPortPoint(docker: Docker, image: string, env: string[], labels: Record<string, string>, hasLabel: boolean, limitMs: number): Promise<CheckPoint> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ["serve"],
    Env: [...env, `SAGEMAKER_BIND_TO_PORT=${PORT}`],
    Labels: { "com.stagemaker.managed": "true", ...labels },
    ExposedPorts: { [`${PORT}/tcp`]: {} },
    HostConfig: { PortBindings: { [`${PORT}/tcp`]: [{ HostIp: "127.0.0.1", HostPort: "" }] } },
  });
  try {
    const started = performance.now();
    await container.start();
    const port = Number((await container.inspect()).NetworkSettings.Ports?.[`${PORT}/tcp`]?.[0]?.HostPort) || 0;
    let last = await probe(port, "GET", "/ping", {}, undefined, 2000);
    while (last.status !== 200 && performance.now() - started < limitMs) {
      if (!(await container.inspect()).State.Running) break;
      await new Promise((r) => setTimeout(r, 100));
      last = await probe(port, "GET", "/ping", {}, undefined, 2000);
    }
    const honoured = last.status === 200;
    return {
      id: "bind-to-port",
      title: "The SAGEMAKER_BIND_TO_PORT label is there and honoured",
      status: hasLabel && honoured ? "pass" : "fail",
      evidence: [
        { command: `docker image inspect IMAGE --format '{{index .Config.Labels "${BIND_TO_PORT_LABEL}"}}'`, status: hasLabel ? "true" : "missing" },
        { ...evidence(port, "GET", "/ping", last, {}, undefined, performance.now() - started), command: `docker run -e SAGEMAKER_BIND_TO_PORT=${PORT} -p 127.0.0.1::${PORT} ${image} serve; curl http://127.0.0.1:HOSTPORT/ping` },
      ],
      hint: hasLabel && honoured ? undefined : `Serial inference pipelines give each container its port in SAGEMAKER_BIND_TO_PORT: listen there when it is set, and declare it with LABEL ${BIND_TO_PORT_LABEL}=true.`,
    };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
