/**
 * Deep-learning benchmark (`npm run bench:deeplearning [-- keras torch tensorflow]`): per model,
 * the served image's size, a cold and a warm drop → first correct answer (create, import, plan,
 * accept, build, run, invoke), `docker run` → first /ping 200 (median of 3), the first answer
 * after healthy and warm answers (p50 of 20), against references in the same run: our
 * scikit-learn image (same path) and a plain `pip install tensorflow-cpu` image.
 *
 * Cold: each model gets its own services whose CA bundle carries a per-run comment line, so the
 * build context's first COPY differs and every layer above debian:bookworm-slim is built again:
 * apt and pip download everything (through this machine's proxy; image builds keep no pip cache).
 * Only the base image and the trained model files are reused. Warm: a second project of the same
 * model right after, with the same services: the framework layers are cached, the project's own
 * (model data, labels) are new. Every project and image the run makes is removed at the end.
 * `--warm-only`: no cold drops, and the machine's own CA bundle, so earlier builds' layers serve
 * (for a machine too busy to download every framework again within the time there is).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Docker from "dockerode";
import { trainModels } from "../../app/core/model/testing/trained-models";
import { type Trainer, trainDeepLearning } from "../../app/core/model/testing/deep-learning-models";
import { float32Npy } from "../../app/core/model/testing/npy";
import { createServices } from "../../app/core/services";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { servicesOptions } from "../../app/faces-common/services-options";
import { median, pingAfterRun, plainTensorflow } from "./bench-engine";

const caBundle = process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt";
const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
// --warm-only: no cold drops; the machine's own CA bundle, so layers earlier builds left are reused.
const warmOnly = process.argv.includes("--warm-only");
const signal = new AbortController().signal;
const root = mkdtempSync(join(tmpdir(), "smk-bench-dl-"));
const docker = new Docker();
const say = (line: string) => process.stdout.write(line + "\n");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const made: { dir: string; tag: string }[] = [];
const runId = Date.now().toString(36);

interface Model {
  key: string;
  label: string;
  trainer: Trainer | "sklearn";
  file: string;
  body: string | Buffer;
  contentType: string;
}

interface Drop {
  imageBytes: number;
  dropMs: number;
  firstMs: number;
  port: number;
  project: { dir: string; tag: string };
}

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, performance.now() - t0];
}

type Services = ReturnType<typeof createServices>;

/** Services whose CA bundle is the machine's plus a comment naming this model and run (see above). */
function coldServices(key: string): Services {
  const dir = join(root, key);
  if (warmOnly) return createServices(servicesOptions({ workspaceDir: dir, stateDir: join(dir, ".state") }));
  const ca = join(root, `${key}-ca.crt`);
  writeFileSync(ca, `${readFileSync(caBundle, "utf8")}\n# stagemaker bench:deeplearning cold build ${key} ${runId}\n`);
  const env = { ...process.env, STAGEMAKER_EXTRA_CA_CERTS: ca };
  return createServices(servicesOptions({ workspaceDir: dir, stateDir: join(dir, ".state") }, env));
}

/** One drop of the model file: create → import → plan → accept → build → run → first 200. */
async function drop(services: Services, m: Model, name: string): Promise<Drop> {
  const t0 = performance.now();
  const step = (what: string) => say(`  ${name}: ${what} at ${s(performance.now() - t0)}`);
  const project = await services["projects.create"]({ name, dir: join(root, name) }, { signal });
  made.push({ dir: project.dir, tag: project.manifest.imageTag });
  await services["artifacts.importPaths"]({ project: project.dir, paths: [m.file] }, () => undefined, { signal });
  const plan = await services["model.plan"]({ project: project.dir, artifact: basename(m.file) }, () => undefined, { signal });
  step("planned (intake image built)");
  await services["model.apply"](
    { project: project.dir, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite: [] },
    { signal },
  );
  const built = await services["build.run"]({ project: project.dir }, () => undefined, { signal });
  step("built");
  const state = await services["run.start"]({ project: project.dir }, () => undefined, { signal });
  const port = "hostPort" in state ? state.hostPort : undefined;
  if (!port) throw new Error(`${name}: the container is ${state.state}, with no port`);
  const [, firstMs] = await time(() => invoke(port, m));
  step("answered");
  return {
    imageBytes: built.sizeBytes,
    dropMs: performance.now() - t0,
    firstMs,
    port,
    project: { dir: project.dir, tag: project.manifest.imageTag },
  };
}

/**
 * POST /invocations straight to the container (invoke.send takes text bodies; NPY is binary),
 * ended by a ref'd timer (see bench-engine.ts). Throws unless the answer is 200.
 */
async function invoke(port: number, m: Model): Promise<void> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), 120_000);
  try {
    const body = typeof m.body === "string" ? m.body : new Uint8Array(m.body);
    const r = await fetch(`http://127.0.0.1:${port}/invocations`, {
      method: "POST",
      body,
      headers: { "content-type": m.contentType },
      signal: limit.signal,
    });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`${m.key}: answer ${r.status}: ${text.slice(0, 300)}`);
  } finally {
    clearTimeout(timer);
  }
}

interface Row {
  label: string;
  imageBytes: number;
  coldMs: number;
  warmDropMs: number;
  pingMs: number;
  firstMs: number;
  warmMs: number;
}

async function measure(m: Model): Promise<Row> {
  const services = coldServices(m.key);
  try {
    const cold = warmOnly ? undefined : await drop(services, m, `smk-bench-dl-${m.key}-cold`);
    if (cold) await services["run.stop"]({ project: cold.project.dir }, { signal });
    const warmDrop = await drop(services, m, `smk-bench-dl-${m.key}-warm`);
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await time(() => invoke(warmDrop.port, m)))[1]);
    await services["run.stop"]({ project: warmDrop.project.dir }, { signal });
    const pings: number[] = [];
    for (let i = 0; i < 3; i++) pings.push(await pingAfterRun(docker, warmDrop.project.tag, join(warmDrop.project.dir, "artifacts")));
    const row = {
      label: m.label,
      imageBytes: warmDrop.imageBytes,
      coldMs: cold?.dropMs ?? NaN,
      warmDropMs: warmDrop.dropMs,
      pingMs: median(pings),
      firstMs: warmDrop.firstMs,
      warmMs: median(warm),
    };
    say(`measured ${m.key}: ${JSON.stringify({ ...row, pings, coldImageBytes: cold?.imageBytes })}`); // kept if a later model fails
    return row;
  } finally {
    await services.close();
  }
}

const csv = (rows: unknown[]) => (rows as number[][]).map((r) => r.join(",")).join("\n") + "\n";

async function models(): Promise<Model[]> {
  const sk = (await trainModels(["sklearn"])).sklearn!;
  const list: Model[] = [
    {
      key: "sklearn",
      label: "scikit-learn (reference)",
      trainer: "sklearn",
      file: join(sk.dir, sk.artifact),
      body: csv(sk.rows),
      contentType: "text/csv",
    },
  ];
  const wanted = (t: Trainer) => !asked.length || asked.includes(t);
  if (wanted("keras")) {
    const k = (await trainDeepLearning("keras")).entries;
    const flat = k["keras-flat"]!;
    const image = k["keras-image"]!;
    list.push(
      {
        key: "keras-flat",
        label: "Keras 3, flat input (CSV)",
        trainer: "keras",
        file: join(flat.dir, flat.artifact),
        body: csv(flat.rows),
        contentType: "text/csv",
      },
      {
        key: "keras-image",
        label: "Keras 3, image input (NPY)",
        trainer: "keras",
        file: join(image.dir, image.artifact),
        body: float32Npy(image.rows),
        contentType: "application/x-npy",
      },
    );
  }
  if (wanted("torch")) {
    const e = (await trainDeepLearning("torch")).entries["torchscript-mlp"]!;
    list.push({
      key: "torchscript",
      label: "TorchScript (Debian torch 1.13)",
      trainer: "torch",
      file: join(e.dir, e.artifact),
      body: csv(e.rows),
      contentType: "text/csv",
    });
  }
  if (wanted("tensorflow")) {
    const e = (await trainDeepLearning("tensorflow")).entries["savedmodel-regressor"]!;
    list.push({
      key: "savedmodel",
      label: "TF SavedModel (model.tar.gz)",
      trainer: "tensorflow",
      file: join(e.dir, e.artifact),
      body: csv(e.rows),
      contentType: "text/csv",
    });
  }
  return list;
}

const rows: Row[] = [];
try {
  say(
    `bench:deeplearning run ${runId}, load average ${(await import("node:os"))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  for (const m of await models()) rows.push(await measure(m));
  const ref = rows[0]!;
  const x = (a: number, b: number) => `(${(a / b).toFixed(1)}×)`;
  say(
    "\n| model | image | cold drop → first answer | warm drop → first answer | docker run → /ping 200 | first answer | warm answer p50 |",
  );
  say("|---|---|---|---|---|---|---|");
  for (const r of rows)
    say(
      `| ${r.label} | ${(r.imageBytes / 1e6).toFixed(0)} MB ${x(r.imageBytes, ref.imageBytes)} | ${warmOnly ? "not measured" : `${s(r.coldMs)} ${x(r.coldMs, ref.coldMs)}`} | ${s(r.warmDropMs)} ${x(r.warmDropMs, ref.warmDropMs)} | ${s(r.pingMs)} ${x(r.pingMs, ref.pingMs)} | ${r.firstMs.toFixed(0)} ms | ${r.warmMs.toFixed(0)} ms |`,
    );
  if (!asked.length || asked.includes("tensorflow")) {
    const tf = await plainTensorflow(docker, caBundle, { noCache: !warmOnly });
    say(
      `| plain pip install tensorflow-cpu (reference) | ${(tf.bytes / 1e6).toFixed(0)} MB ${x(tf.bytes, ref.imageBytes)} | build ${warmOnly ? "with the layer cache" : "without cache"} ${s(tf.coldBuildMs)} | | docker run → import tensorflow ${s(tf.importMs)} | | |`,
    );
  }
} finally {
  for (const p of made) {
    await cleanUpProject(p.dir, p.tag);
    // Intake's introspection image of the project, made by the plan.
    await docker
      .getImage(p.tag.replace(/^stagemaker\//, "stagemaker-intake/"))
      .remove({ force: true })
      .catch(() => undefined);
  }
}
