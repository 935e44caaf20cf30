/**
 * CLI benchmark (part of `npm run bench`, or alone: `tsx bench/core/cli-startup.ts`): start-up of `stagemaker --help`
 * and `stagemaker status --json`, and a one-line edit → `stagemaker reload` → `stagemaker invoke` answer on a dev-mode
 * project, each for the bundled CLI (dist-cli/, what bin/stagemaker.mjs runs) against the tsx path it replaced
 * (STAGEMAKER_CLI_FROM_SOURCE=1), interleaved in the same run, with bare `node` as the machine's reference.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fmtMs, median } from "./measure";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(repoRoot, "bin", "stagemaker.mjs");
type Variant = "tsx" | "bundle";
const variantEnv = (v: Variant): Record<string, string> => (v === "tsx" ? { STAGEMAKER_CLI_FROM_SOURCE: "1" } : {});

/**
 * Runs one command to its end; resolves with its wall time, its CPU time (user + system, which the machine's load
 * barely changes: 8 sessions share 2 cores here) and its output; rejects on a non-zero exit. The CPU time comes
 * from bash's `times`, since Node does not report a child's resource usage.
 */
function timedRun(file: string, args: string[], env: Record<string, string>): Promise<{ ms: number; cpuMs: number; stdout: string }> {
  const script = '"$@" || exit $?; times >&2';
  const t0 = performance.now();
  return new Promise((ok, fail) =>
    execFile(
      "bash",
      ["-c", script, "bash", file, ...args],
      { env: { ...process.env, ...env }, cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const ms = performance.now() - t0;
        if (err) return fail(new Error(`${args.join(" ")} failed: ${stderr || err.message}`));
        // `times` prints the shell's own user/system times, then its children's: "0m0.084s 0m0.012s".
        const children = stderr
          .trim()
          .split("\n")
          .at(-1)
          ?.match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
        const cpuMs = children
          ? (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000
          : NaN;
        ok({ ms, cpuMs, stdout });
      },
    ),
  );
}

const cli = (v: Variant, args: string[], env: Record<string, string> = {}) =>
  timedRun(process.execPath, [bin, ...args], { ...env, ...variantEnv(v) });
const ratio = (before: number, after: number) => `${(before / after).toFixed(1)}x faster`;

/** Medians of `runs` interleaved runs per variant (plus bare node), so each sees the same machine load. */
async function startup(args: string[], runs: number, env: Record<string, string>) {
  const wall = { node: [] as number[], tsx: [] as number[], bundle: [] as number[] };
  const cpu = { node: [] as number[], tsx: [] as number[], bundle: [] as number[] };
  const add = (k: keyof typeof wall, r: { ms: number; cpuMs: number }) => (wall[k].push(r.ms), cpu[k].push(r.cpuMs));
  await cli("bundle", args, env); // builds the bundle if a source changed, and its code cache
  await cli("tsx", args, env);
  for (let i = 0; i < runs; i++) {
    add("node", await timedRun(process.execPath, ["-e", "0"], {}));
    add("tsx", await cli("tsx", args, env));
    add("bundle", await cli("bundle", args, env));
  }
  const m = (k: keyof typeof wall) => ({ wall: median(wall[k]), cpu: median(cpu[k]) });
  return { node: m("node"), tsx: m("tsx"), bundle: m("bundle") };
}

type Startup = Awaited<ReturnType<typeof startup>>;
const startupLine = (label: string, s: Startup) =>
  `  ${label} wall: tsx ${fmtMs(s.tsx.wall)} → bundle ${fmtMs(s.bundle.wall)} (${ratio(s.tsx.wall, s.bundle.wall)}; bare node + ${fmtMs(s.bundle.wall - s.node.wall)}); ` +
  `CPU: tsx ${fmtMs(s.tsx.cpu)} → bundle ${fmtMs(s.bundle.cpu)} (${ratio(s.tsx.cpu, s.bundle.cpu)}); bare node: wall ${fmtMs(s.node.wall)}, CPU ${fmtMs(s.node.cpu)}`;

function setFactor(project: string, n: number): void {
  const file = join(project, "model", "predictor.py");
  writeFileSync(file, readFileSync(file, "utf8").replace(/self\.factor = [0-9.]+/, `self.factor = ${n}.0`));
}

/** Edit → `stagemaker reload` → `stagemaker invoke`, checking the answer carries the edit; medians of `rounds`. */
async function editReloadAnswer(project: string, rounds: number, env: Record<string, string>) {
  const body = JSON.stringify({ instances: [{ field1: "asdf", field2: 1.2 }] });
  const times = {
    tsx: { total: [] as number[], reload: [] as number[], invoke: [] as number[] },
    bundle: { total: [] as number[], reload: [] as number[], invoke: [] as number[] },
  };
  let factor = 20;
  for (let i = 0; i < rounds; i++) {
    for (const v of ["tsx", "bundle"] as const) {
      setFactor(project, ++factor);
      const reload = await cli(v, ["reload", project], env);
      const invoke = await cli(v, ["invoke", project, "-d", body], env);
      const got = (JSON.parse(invoke.stdout) as { predictions: { output_field: string }[] }).predictions[0]?.output_field;
      if (!got?.startsWith(`asdf:${1.2 * factor}`)) throw new Error(`after the edit to factor ${factor} the answer was ${got}`);
      times[v].total.push(reload.ms + invoke.ms);
      times[v].reload.push(reload.ms);
      times[v].invoke.push(invoke.ms);
    }
  }
  const sum = (v: Variant) => ({ total: median(times[v].total), reload: median(times[v].reload), invoke: median(times[v].invoke) });
  return { tsx: sum("tsx"), bundle: sum("bundle") };
}

/** Prints the CLI figures; `removeImage` cleans up the image the round trip built. */
export async function benchCli(
  say: (line: string) => void,
  removeImage: (project: string, imageTag: string) => Promise<void>,
  runs = 15,
  rounds = 5,
): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "smk-bench-cli-"));
  const env = { STAGEMAKER_WORKSPACE: workspace, STAGEMAKER_STATE_DIR: join(workspace, ".state") };
  try {
    const help = await startup(["--help"], runs, env);
    const status = await startup(["status", "--json"], runs, env);
    say(`CLI start-up (target ≤ 250 ms), median of ${runs} interleaved runs; bare \`node -e 0\` shows the machine's load:`);
    say(startupLine("stagemaker --help        ", help));
    say(startupLine("stagemaker status --json ", status));

    const project = join(workspace, `smk-bench-cli-${process.pid}`);
    await cli("bundle", ["new", project], env);
    const manifest = JSON.parse(readFileSync(join(project, "stagemaker.json"), "utf8")) as { imageTag: string };
    try {
      await cli("bundle", ["build", project], env);
      await cli("bundle", ["run", project], env); // dev mode (the default): model/ mounted, reload = SIGHUP
      const r = await editReloadAnswer(project, rounds, env);
      say(`edit → stagemaker reload → stagemaker invoke answer (dev mode), median of ${rounds}:`);
      say(
        `  tsx ${fmtMs(r.tsx.total)} (reload ${fmtMs(r.tsx.reload)} + invoke ${fmtMs(r.tsx.invoke)}) → bundle ${fmtMs(r.bundle.total)} (reload ${fmtMs(r.bundle.reload)} + invoke ${fmtMs(r.bundle.invoke)}) (${ratio(r.tsx.total, r.bundle.total)})`,
      );
    } finally {
      await cli("bundle", ["stop", project], env).catch(() => undefined);
      await removeImage(project, manifest.imageTag);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { cleanUpProject } = await import("../../app/core/testing/throwaway-template");
  process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
  await benchCli((line) => process.stdout.write(line + "\n"), cleanUpProject);
}
