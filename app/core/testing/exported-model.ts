// Test support: a trained model taken the way a person takes it, through the real CLI on the real
// engine — `new --from` → build → run → a saved example → export → a fresh `git clone` — and then the
// exported CI workflow's own steps (`.github/workflows/ci.yml`) run in that clone, in order.
import { execFile, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Docker from "dockerode";
import { parse as parseYaml } from "yaml";
import { cliEnv } from "./test-cli";
import { cleanUpProject } from "./throwaway-template";

const repo = fileURLToPath(new URL("../../../", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI's test environment, and the CA bundle the clone's make trusts (a person behind the proxy names it in one of these). */
export function exportEnv(root: string): NodeJS.ProcessEnv {
  const env = cliEnv(root);
  if (!env.SSL_CERT_FILE && !env.REQUESTS_CA_BUNDLE && !env.PIP_CERT) env.SSL_CERT_FILE = "/etc/ssl/certs/ca-certificates.crt";
  return env;
}

/** `stagemaker ARGS` as a person runs it (bin/stagemaker.mjs), with the test's env (state dir, CA bundle). */
export function cli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "node",
      [join(repo, "bin/stagemaker.mjs"), ...args],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 ** 2 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function mustPass(what: string, r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`stagemaker ${what} exited ${r.code}:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`);
  return r;
}

export interface ExportedModel {
  /** The project folder `new --from` made. */
  project: string;
  /** A fresh clone of the export, in a folder named `cloneName` (make names its images after it). */
  clone: string;
  /** The model's feature names, as the generated Instance has them (none for a handler script). */
  features: string[];
  /** The saved example's expected body: the running server's answer on the model's first row. */
  exampleAnswer: unknown;
}

/** The first prediction of an answer in the Prediction schema's shape ({"predictions": [...]}). */
export const firstPrediction = (answer: unknown): Record<string, unknown> =>
  (answer as { predictions: Record<string, unknown>[] }).predictions[0]!;

/**
 * `model` (trained by the test) → a project under `root` named `name` → its export's fresh clone at
 * `root/cloneName`. The saved example is the model's first row by its feature names, or `exampleBody`
 * (JSON) when given (a handler script has no Instance). Leaves nothing running; the caller removes
 * the project's containers and image.
 */
export async function exportedModel(
  model: { dir: string; artifact: string; rows: unknown[][] },
  opts: { root: string; name: string; cloneName: string; env: NodeJS.ProcessEnv; timeoutMs: number; exampleBody?: string },
): Promise<ExportedModel> {
  const { root, name, env, timeoutMs } = opts;
  const run = (what: string, args: string[]) => cli(args, env, timeoutMs).then((r) => mustPass(what, r));
  const project = join(root, name);
  const created = await run("new --from", ["--json", "new", project, "--name", name, "--from", join(model.dir, model.artifact)]);
  const plan = JSON.parse(created.stdout).value.plan as { introspection?: { features: { name: string }[] } } | undefined;
  const features = plan?.introspection?.features.map((f) => f.name) ?? [];
  await run("build", ["build", project]);
  await run("run", ["run", project]);
  try {
    // A JSON request by the model's own feature names (a text column may hold commas: not CSV).
    const body = opts.exampleBody ?? JSON.stringify({ instances: [Object.fromEntries(features.map((f, i) => [f, model.rows[0]![i]]))] });
    await run("examples save", ["examples", "save", project, "--name", "first-row", "--data", body]);
    const example = JSON.parse(readFileSync(join(project, "examples", "first-row.json"), "utf8")) as { expected: { body: unknown } };
    // Exported while running, so the export replays the examples it ships.
    const target = join(root, `${name}-exported`);
    await run("export", ["export", project, "--to", target]);
    const clone = join(root, opts.cloneName);
    await promisify(execFile)("git", ["clone", "-q", target, clone]);
    return { project, clone, features, exampleAnswer: example.expected.body };
  } finally {
    await cli(["stop", project], env, timeoutMs);
  }
}

export interface CiStep {
  command: string;
  code: number | null;
  output: string;
  seconds: number;
}

/** The `run:` steps of the clone's exported CI workflow, exactly as it lists them. */
export function ciSteps(clone: string): string[] {
  const file = join(clone, ".github/workflows/ci.yml");
  if (!existsSync(file)) throw new Error(`the export has no CI workflow (${file})`);
  const workflow = parseYaml(readFileSync(file, "utf8")) as { jobs: Record<string, { steps: { run?: string }[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])));
}

/**
 * Runs the CI workflow's steps in the clone (bash -e, as GitHub runs them), stopping at the first that
 * fails. Their output also goes to `<clone>.ci.log` as it comes, to follow a long run.
 */
export async function runCi(clone: string, env: NodeJS.ProcessEnv): Promise<CiStep[]> {
  const done: CiStep[] = [];
  const log = createWriteStream(`${clone}.ci.log`);
  for (const command of ciSteps(clone)) {
    const started = Date.now();
    log.write(`$ ${command}\n`);
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn("bash", ["-e", "-c", command], { cwd: clone, env });
      let output = "";
      const take = (d: Buffer) => {
        output += d.toString();
        log.write(d);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.on("close", (c) => resolve({ code: c, output }));
    });
    log.write(`$ ${command}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    done.push({ command, code, output, seconds: (Date.now() - started) / 1000 });
    if (code !== 0) break;
  }
  await new Promise((resolve) => log.end(resolve));
  return done;
}

/** Removes what the project made on the engine (containers, its images); the clone's images stay as the next run's cache. */
export async function removeExported(project: string): Promise<void> {
  const manifest = join(project, "stagemaker.json");
  const tag = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { imageTag?: string }).imageTag : undefined;
  await cleanUpProject(project, tag);
  // The image `new --from` introspected the model in (app/core/model/introspect/framework-image.ts).
  if (tag)
    await new Docker()
      .getImage(`stagemaker-intake/${tag.replace(/^.*\//, "").replace(/:.*$/, "")}:latest`)
      .remove({ force: true })
      .catch(() => undefined);
}
