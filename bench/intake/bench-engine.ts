// The engine-side measurements of bench:deeplearning: `docker run` → first /ping 200 of a built
// project image, and the plain `pip install tensorflow-cpu` image a user would otherwise start from.
import { readFile } from "node:fs/promises";
import type Docker from "dockerode";
import tarStream from "tar-stream";

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * One GET /ping, ended by a ref'd timer. Not AbortSignal.timeout: its timer is unref'd, and while
 * Docker's proxy holds a connection the container does not take yet nothing else keeps Node alive,
 * so the script exited with code 13 (unsettled top-level await) right after a stop, which looked
 * like a hang on run.stop.
 */
async function pingOk(port: string | undefined): Promise<boolean> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), 2000);
  try {
    const r = await fetch(`http://127.0.0.1:${port}/ping`, { signal: limit.signal });
    return r.status === 200;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `docker run IMAGE serve` → first /ping 200, with the model mounted where SageMaker puts it. */
export async function pingAfterRun(docker: Docker, image: string, artifacts: string): Promise<number> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ["serve"],
    ExposedPorts: { "8080/tcp": {} },
    Labels: { "com.stagemaker.managed": "true", "com.stagemaker.bench": "deeplearning" },
    HostConfig: { Binds: [`${artifacts}:/opt/ml/model:ro`], PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
  });
  try {
    const t0 = performance.now();
    await container.start();
    const port = (await container.inspect()).NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort;
    for (;;) {
      if (await pingOk(port)) return performance.now() - t0;
      if (performance.now() - t0 > 300_000) throw new Error(`${image}: no /ping 200 within 300 s`);
      await new Promise((r) => setTimeout(r, 20)); // polling interval, not a wait for an outcome
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

export interface PlainTensorflow {
  tag: string;
  bytes: number;
  /** The build, without the layer cache unless asked (apt + pip download), ms. */
  coldBuildMs: number;
  /** `docker run` → `import tensorflow` done, median of 3, ms. */
  importMs: number;
}

/** debian + python3 + `pip install tensorflow-cpu`, built (by default without the layer cache) under the bench's own tag. */
export async function plainTensorflow(
  docker: Docker,
  caPath: string | undefined,
  { version = "2.20.0", noCache = true }: { version?: string; noCache?: boolean } = {},
): Promise<PlainTensorflow> {
  const tag = `stagemaker-bench/plain-tensorflow-cpu:${version}`;
  const pack = tarStream.pack();
  const ca = caPath ? await readFile(caPath).catch(() => undefined) : undefined;
  pack.entry({ name: "extra.crt" }, ca ?? "");
  pack.entry(
    { name: "Dockerfile" },
    "FROM debian:bookworm-slim\nCOPY extra.crt /usr/local/share/ca-certificates/\n" +
      "RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates && update-ca-certificates && rm -rf /var/lib/apt/lists/* && python3 -m venv /opt/venv\n" +
      `ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_NO_CACHE_DIR=1\nRUN /opt/venv/bin/pip install tensorflow-cpu==${version}\n`,
  );
  pack.finalize();
  const t0 = performance.now();
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true, nocache: noCache });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (err, out: { error?: string }[]) =>
      err || out.find((m) => m.error) ? reject(err ?? new Error(out.find((m) => m.error)!.error)) : resolve(undefined),
    ),
  );
  const coldBuildMs = performance.now() - t0;
  const bytes = (await docker.getImage(tag).inspect()).Size;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await docker.createContainer({
      Image: tag,
      Cmd: ["/opt/venv/bin/python", "-c", "import tensorflow"],
      Labels: { "com.stagemaker.bench": "deeplearning" },
    });
    const t1 = performance.now();
    await c.start();
    await c.wait();
    runs.push(performance.now() - t1);
    await c.remove({ force: true });
  }
  return { tag, bytes, coldBuildMs, importMs: median(runs) };
}
