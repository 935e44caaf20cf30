/**
 * Intake benchmark (`npm run bench:intake`, also run by `npm run bench`): drop → first correct answer
 * for scikit-learn and XGBoost, cold and warm, against the reference of the plain template's
 * create → build → run → answer in the same run; and the image size per kind. Models are trained
 * by the intake test trainer. Cold: the project's base image is a fresh one-LABEL child of
 * debian:bookworm-slim, so no layer above the base can come from the cache (apt, server
 * dependencies, framework), while the project build still reuses what the plan built, as it would
 * for a new user. `--skip-cold` leaves the cold figures out. Removes its containers and the cold
 * images; keeps the warm images (they are the cache).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openEngine } from "../../app/core/engine/engine-access";
import { type TrainedModel, trainModels } from "../../app/core/model/testing/trained-models";
import { createServices } from "../../app/core/services";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { servicesOptions } from "../../app/faces-common/services-options";
import tarStream from "tar-stream";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const skipCold = process.argv.includes("--skip-cold");
const signal = new AbortController().signal;
const workspaceDir = mkdtempSync(join(tmpdir(), "smk-bench-intake-"));
const options = servicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") });
const services = createServices(options);
const { docker } = openEngine();
const say = (line: string) => process.stdout.write(line + "\n");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const made: string[] = [];

interface Run {
  totalMs: number;
  stages: Record<string, number>;
  imageBytes: number;
}

/** What the UI does after a drop, timed stage by stage; throws unless the answer equals predict(). */
async function dropToAnswer(label: string, m: TrainedModel | undefined, baseImage?: string): Promise<Run> {
  const stages: Record<string, number> = {};
  const t0 = Date.now();
  let last = t0;
  const mark = (stage: string) => {
    const now = Date.now();
    stages[stage] = now - last;
    last = now;
  };
  let project = await services["projects.create"](
    { name: `smk-bench-intake-${label}`, dir: join(workspaceDir, `${label}-${Date.now()}`) },
    { signal },
  );
  made.push(project.dir);
  if (baseImage)
    project = await services["projects.saveManifest"]({ project: project.dir, manifest: { ...project.manifest, baseImage } }, { signal });
  if (m) {
    await services["artifacts.importPaths"]({ project: project.dir, paths: [join(m.dir, m.artifact)] }, () => undefined, { signal });
    const plan = await services["model.plan"]({ project: project.dir, artifact: basename(m.artifact) }, () => undefined, { signal });
    mark("detect + framework image + introspect");
    await services["model.apply"](
      { project: project.dir, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite: [] },
      { signal },
    );
  }
  const built = await services["build.run"]({ project: project.dir }, () => undefined, { signal });
  mark("project build");
  await services["run.start"]({ project: project.dir }, () => undefined, { signal });
  mark("run until /ping 200");
  const body = m ? m.rows.map((r) => r.join(",")).join("\n") + "\n" : JSON.stringify({ instances: [{ field1: "a", field2: 1 }] });
  const r = await services["invoke.send"](
    {
      project: project.dir,
      body,
      contentType: m ? "text/csv" : "application/json",
      accept: m ? "text/csv" : undefined,
      path: "/invocations",
      timeoutMs: 60_000,
    },
    { signal },
  );
  mark("first invocation");
  if (m) {
    const got = r.body
      .trim()
      .split("\n")
      .map((l) => l.split(",")[0]);
    const want = m.predictions.map(String);
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`${label}: answered ${got.join(" ")}, predict() gave ${want.join(" ")}`);
  } else if (r.status !== 200) throw new Error(`template answered ${r.status}`);
  await services["run.stop"]({ project: project.dir }, { signal });
  return { totalMs: Date.now() - t0, stages, imageBytes: built.sizeBytes };
}

/** A base image no cached layer is built on: debian:bookworm-slim plus one LABEL. */
async function coldBase(): Promise<string> {
  const tag = `stagemaker-bench/intake-cold-base:${Date.now()}`;
  const pack = tarStream.pack();
  pack.entry({ name: "Dockerfile" }, `FROM debian:bookworm-slim\nLABEL com.stagemaker.bench.cold="${tag}"\n`);
  pack.finalize();
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag });
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(undefined))));
  return tag;
}
const coldImages: string[] = [];

const models = await trainModels(["sklearn", "xgboost", "lightgbm", "catboost", "onnx"]);
const line = (label: string, r: Run, ref?: Run) =>
  say(
    `  ${label.padEnd(28)} ${s(r.totalMs).padStart(8)}${ref ? `  (${(r.totalMs / ref.totalMs).toFixed(1)}× the template)` : ""}   ${Object.entries(
      r.stages,
    )
      .map(([k, v]) => `${k} ${s(v)}`)
      .join(", ")}`,
  );
try {
  say("Drop → first correct answer (create, import, plan, accept, build, run, invoke text/csv = predict())");
  const reference = await dropToAnswer("template", undefined);
  line("reference: plain template", reference);
  const sizes: Record<string, number> = {};
  for (const [kind, key] of [
    ["sklearn", "sklearn"],
    ["xgboost", "xgboost-json"],
  ] as const) {
    if (!skipCold) {
      const base = await coldBase();
      coldImages.push(`stagemaker/smk-bench-intake-${kind}-cold:latest`, `stagemaker-intake/smk-bench-intake-${kind}-cold:latest`, base);
      line(`${kind} cold (no cached layer)`, await dropToAnswer(`${kind}-cold`, models[key], base), reference);
    }
    const warm = await dropToAnswer(`${kind}-warm`, models[key]);
    line(`${kind} warm`, warm, reference);
    sizes[kind] = warm.imageBytes;
  }
  for (const [kind, key] of [
    ["lightgbm", "lightgbm"],
    ["catboost", "catboost"],
    ["onnx", "onnx"],
  ] as const)
    sizes[kind] = (await dropToAnswer(`${kind}-warm`, models[key])).imageBytes;
  say("Image size per kind (the template alone: " + `${(reference.imageBytes / 1e6).toFixed(0)} MB)`);
  for (const [kind, bytes] of Object.entries(sizes))
    say(`  ${kind.padEnd(10)} ${(bytes / 1e6).toFixed(0)} MB  (+${((bytes - reference.imageBytes) / 1e6).toFixed(0)} MB)`);
} finally {
  for (const dir of made) await cleanUpProject(dir);
  for (const tag of coldImages)
    await docker
      .getImage(tag)
      .remove()
      .catch(() => undefined);
  await services.close();
}
