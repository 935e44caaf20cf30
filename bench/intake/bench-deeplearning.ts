/**
 * Deep-learning benchmark (`npm run bench:deeplearning [-- keras torch]`): per framework, the
 * served image's size, `docker run` → first /ping 200 (median of 3), drop → first correct answer
 * (create, import, plan, accept, build, run, invoke), the first answer after /ping and warm
 * answers (p50 of 20), against references in the same run: our scikit-learn image (same path),
 * and a plain `pip install tensorflow-cpu` image (size, and `docker run` → `import tensorflow`
 * done). "Cold" here means the first drop of this run: the layer cache holds whatever earlier
 * runs left (the figures say which run they are). Removes its containers; keeps the images.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import tarStream from "tar-stream";
import { openEngine } from "../../app/core/engine/engine-access";
import { trainModels } from "../../app/core/model/testing/trained-models";
import { createServices } from "../../app/core/services";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { servicesOptions } from "../../app/faces-common/services-options";
import { type Trainer, trainDeepLearning } from "../../app/core/model/testing/deep-learning-models";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const signal = new AbortController().signal;
const workspaceDir = mkdtempSync(join(tmpdir(), "smk-bench-dl-"));
const services = createServices(servicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") }));
const { docker } = openEngine();
const say = (line: string) => process.stdout.write(line + "\n");
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const made: string[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figures {
  label: string;
  imageBytes: number;
  dropMs: number;
  pingMs: number;
  firstMs: number;
  warmMs: number;
}

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, performance.now() - t0];
}

/** `docker run IMAGE serve` → first /ping 200, with the model mounted where SageMaker puts it. */
async function pingAfterRun(image: string, artifacts: string): Promise<number> {
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
    const info = await container.inspect();
    const port = info.NetworkSettings.Ports["8080/tcp"]?.[0]?.HostPort;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/ping`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - t0;
      if (performance.now() - t0 > 300_000) throw new Error(`${image}: no /ping 200 within 300 s`);
      await new Promise((r) => setTimeout(r, 20)); // polling interval, not a wait for an outcome
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

async function measure(label: string, file: string, body: string, contentType: string): Promise<Figures> {
  const t0 = performance.now();
  const project = await services["projects.create"]({ name: `smk-bench-dl-${label}`, dir: join(workspaceDir, label) }, { signal });
  made.push(project.dir);
  await services["artifacts.importPaths"]({ project: project.dir, paths: [file] }, () => undefined, { signal });
  const plan = await services["intake.plan"]({ project: project.dir, artifact: basename(file) }, () => undefined, { signal });
  await services["intake.apply"](
    { project: project.dir, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite: [] },
    { signal },
  );
  const built = await services["images.build"]({ project: project.dir }, () => undefined, { signal });
  await services["containers.run"]({ project: project.dir }, () => undefined, { signal });
  const send = () =>
    services["invocations.send"]({ project: project.dir, body, contentType, path: "/invocations", timeoutMs: 120_000 }, { signal });
  const [first, firstMs] = await time(send);
  if (first.status !== 200) throw new Error(`${label}: first answer ${first.status}: ${first.body.slice(0, 300)}`);
  const dropMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) warm.push((await time(send))[1]);
  await services["containers.stop"]({ project: project.dir }, { signal });
  const pings: number[] = [];
  for (let i = 0; i < 3; i++) pings.push(await pingAfterRun(project.manifest.imageTag, join(project.dir, "artifacts")));
  const figures = { label, imageBytes: built.sizeBytes, dropMs, pingMs: median(pings), firstMs, warmMs: median(warm) };
  say(`measured ${label}: ${JSON.stringify(figures)}`); // kept even if a later framework fails
  return figures;
}

/** The reference a user would otherwise start from: debian + python3 + `pip install tensorflow-cpu`. */
async function plainTensorflow(): Promise<{ bytes: number; importMs: number }> {
  const tag = "stagemaker-bench/plain-tensorflow-cpu:2.20.0";
  if (
    !(await docker
      .getImage(tag)
      .inspect()
      .then(
        () => true,
        () => false,
      ))
  ) {
    const pack = tarStream.pack();
    const ca = await import("node:fs/promises").then((fs) => fs.readFile(process.env.STAGEMAKER_EXTRA_CA_CERTS!).catch(() => undefined));
    if (ca) pack.entry({ name: "extra.crt" }, ca);
    pack.entry(
      { name: "Dockerfile" },
      "FROM debian:bookworm-slim\nCOPY extra.crt /usr/local/share/ca-certificates/\n" +
        "RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates && update-ca-certificates && rm -rf /var/lib/apt/lists/* && python3 -m venv /opt/venv\n" +
        "ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_NO_CACHE_DIR=1\nRUN /opt/venv/bin/pip install tensorflow-cpu==2.20.0\n",
    );
    pack.finalize();
    const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true });
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (err, out: { error?: string }[]) =>
        err || out.find((m) => m.error) ? reject(err ?? new Error(out.find((m) => m.error)!.error)) : resolve(undefined),
      ),
    );
  }
  const bytes = (await docker.getImage(tag).inspect()).Size;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await docker.createContainer({
      Image: tag,
      Cmd: ["/opt/venv/bin/python", "-c", "import tensorflow"],
      Labels: { "com.stagemaker.bench": "deeplearning" },
    });
    const t0 = performance.now();
    await c.start();
    await c.wait();
    runs.push(performance.now() - t0);
    await c.remove({ force: true });
  }
  return { bytes, importMs: median(runs) };
}

const frameworks: [Trainer, string, string][] = [
  ["keras", "keras-flat", "Keras 3 (NumPy backend)"],
  ["torch", "torchscript-mlp", "PyTorch TorchScript (Debian torch)"],
];
const rows: Figures[] = [];
try {
  const sk = (await trainModels(["sklearn"])).sklearn!;
  rows.push({
    ...(await measure("sklearn", join(sk.dir, sk.artifact), sk.rows.map((r) => r.join(",")).join("\n") + "\n", "text/csv")),
    label: "scikit-learn (reference)",
  });
  for (const [trainer, entry, label] of frameworks) {
    if (asked.length && !asked.includes(trainer)) continue;
    const e = (await trainDeepLearning(trainer)).entries[entry]!;
    rows.push({
      ...(await measure(trainer, join(e.dir, e.artifact), (e.rows as number[][]).map((r) => r.join(",")).join("\n") + "\n", "text/csv")),
      label,
    });
  }
  const ref = rows[0]!;
  say("framework                            image     docker run → /ping 200   drop → first answer   first answer   warm (p50 of 20)");
  for (const r of rows)
    say(
      `${r.label.padEnd(36)} ${`${(r.imageBytes / 1e6).toFixed(0)} MB`.padStart(8)} (${(r.imageBytes / ref.imageBytes).toFixed(1)}×)   ${s(r.pingMs).padStart(8)} (${(r.pingMs / ref.pingMs).toFixed(1)}×)   ${s(r.dropMs).padStart(10)}   ${s(r.firstMs).padStart(8)}   ${s(r.warmMs).padStart(8)}`,
    );
  if (!asked.length || asked.includes("tensorflow")) {
    const tf = await plainTensorflow();
    say(
      `reference: plain pip install tensorflow-cpu==2.20.0   ${(tf.bytes / 1e6).toFixed(0)} MB (${(tf.bytes / ref.imageBytes).toFixed(1)}× sklearn); docker run → import tensorflow done ${s(tf.importMs)}`,
    );
  }
} finally {
  for (const dir of made) await cleanUpProject(dir);
  await services.close();
}
