/**
 * Batch transform benchmark (`npm run bench:transform`): 100,000 CSV records through
 *  - the template's toy model and
 *  - a small scikit-learn model (LogisticRegression, fitted inside its image),
 * each as a local batch transform (MultiRecord, the container's /execution-parameters defaults) and as a
 * naive loop of one POST per record (keep-alive, one at a time, as a user's script would), in the same run.
 * Prints records/s and the ratio. BENCH_RECORDS (100000) and BENCH_NAIVE_RECORDS (20000: the naive loop
 * runs over the first N records, its rate is per record) change the sizes.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { TransformInput, type Project } from "../../app/contract";
import { servicesOptions } from "../../app/faces-common/services-options";
import { createServices } from "../../app/core/services";
import { createSklearnProjects } from "../../app/core/testing/sklearn-projects";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { httpExchange } from "../../app/core/serving/invocation-target";
import { startServing } from "../../app/core/serving/serving-container";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const NAIVE = Math.min(RECORDS, Number(process.env.BENCH_NAIVE_RECORDS ?? 20_000));
const signal = new AbortController().signal;
const root = mkdtempSync(join(tmpdir(), "smk-bench-transform-"));
const services = createServices(servicesOptions({ workspaceDir: root, stateDir: join(root, ".state") }));
const say = (line: string) => process.stdout.write(line + "\n");
const prefix = `smk-bench-tf-${process.pid}`;

async function measure(label: string, project: Project, rows: string[]) {
  const input = join(root, `${label}.csv`);
  writeFileSync(input, rows.join("\n") + "\n");
  const job = TransformInput.parse({ target: project.dir, input, output: join(root, `${label}-out`), accept: "text/csv" });
  const transform = await services["transform.run"](job, () => undefined, { signal });
  if (transform.status !== "Completed" || transform.progress.records !== rows.length)
    throw new Error(`${label}: transform ${transform.status}: ${JSON.stringify(transform.failures[0])}`);
  // The naive loop talks to a container of its own, started the same way.
  const serving = await startServing(new Docker(), {
    kind: "transform",
    project,
    env: [],
    labels: { "com.stagemaker.bench": prefix },
    modelDir: join(project.dir, "artifacts"),
    healthTimeoutMs: 120_000,
  });
  try {
    const started = performance.now();
    for (let i = 0; i < NAIVE; i++) {
      const a = await httpExchange(
        serving.hostPort,
        "POST",
        "/invocations",
        { "Content-Type": "text/csv", Accept: "text/csv" },
        Buffer.from(rows[i]! + "\n"),
        { timeoutMs: 60_000 },
      );
      if (a.status !== 200) throw new Error(`${label}: naive request ${i} got HTTP ${a.status}`);
    }
    const naiveRate = NAIVE / ((performance.now() - started) / 1000);
    const rate = transform.progress.recordsPerSecond;
    say(
      `| ${label} | ${RECORDS.toLocaleString("en")} | ${transform.progress.requests} | ${(transform.progress.elapsedMs / 1000).toFixed(1)} s | ${Math.round(rate).toLocaleString("en")} | ${Math.round(naiveRate).toLocaleString("en")} (over ${NAIVE.toLocaleString("en")}) | ${(rate / naiveRate).toFixed(1)}x |`,
    );
  } finally {
    await serving.stop(5);
  }
}

const made: Project[] = [];
try {
  say(`Setting up (template build, scikit-learn build + training in the image)…`);
  const toy = await services["projects.create"]({ name: `${prefix}-toy` }, { signal });
  made.push(toy);
  await services["build.run"]({ project: toy.dir }, () => undefined, { signal });
  const sk = await createSklearnProjects(services, prefix, signal);
  made.push(sk.scaler, sk.classifier);

  say(`\nBatch transform vs one request per record (records/s, same machine, same run)\n`);
  say(`| model | records | transform requests | transform time | transform records/s | naive loop records/s | ratio |`);
  say(`|---|---|---|---|---|---|---|`);
  await measure(
    "toy model (template)",
    toy,
    Array.from({ length: RECORDS }, (_, i) => `r${i},${i}.5`),
  );
  await measure(
    "scikit-learn LogisticRegression",
    sk.classifier,
    Array.from({ length: RECORDS }, (_, i) => [5 + (i % 7) / 10, 3 + (i % 5) / 10, 1 + (i % 60) / 10, (i % 25) / 10].join(",")),
  );
} finally {
  for (const p of made) await cleanUpProject(p.dir, p.manifest.imageTag);
  await services.close();
}
