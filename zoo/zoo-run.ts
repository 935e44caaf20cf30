// Trains the zoo (or reuses a trained one) and checks entries with bounded concurrency. Entries of
// one framework and trainer environment share a requirement set: the first of each group builds
// alone, so its siblings find the framework's layers in the engine's cache instead of installing
// the same packages side by side.
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ModelResult, checkModel } from "./check-model";
import { trainZoo } from "./trainer";
import type { ZooEntry } from "./zoo-entry";

export interface ZooRunOptions {
  /** Where the trained zoo and the projects go (kept between runs: a trained zoo is reused). */
  workDir?: string;
  /** Entry names to check (all when omitted); `only` also limits what is trained. */
  only?: string[];
  /** Regular expression on entry names. */
  match?: RegExp;
  concurrency?: number;
  prefix?: string;
  keep?: boolean;
  say?: (line: string) => void;
  /** Each model's result as soon as it is known (so an interrupted run can still print its table). */
  onResult?: (r: ModelResult) => void;
}

export interface ZooRun {
  results: ModelResult[];
  /** Entries the trainer could not make, with its error. */
  untrained: Record<string, string>;
  seconds: number;
}

const repo = resolve(fileURLToPath(new URL("..", import.meta.url)));
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;

export const defaultWorkDir = () => join(tmpdir(), `stagemaker-zoo-${process.getuid?.() ?? "user"}`);

export async function runZoo(o: ZooRunOptions): Promise<ZooRun> {
  const started = Date.now();
  const say = o.say ?? (() => undefined);
  const workDir = o.workDir ?? defaultWorkDir();
  const zoo = await trainZoo(join(workDir, "models"), say, o.only);
  const entries = zoo.entries.filter((e) => (!o.only || o.only.includes(e.name)) && (!o.match || o.match.test(e.name)));
  const untrained = Object.fromEntries(
    Object.entries(zoo.failures).filter(([n]) => (!o.only || o.only.includes(n)) && (!o.match || o.match.test(n))),
  );
  const projects = join(workDir, "projects");
  await mkdir(projects, { recursive: true });
  const env = {
    ...process.env,
    STAGEMAKER_STATE_DIR: join(workDir, "state"),
    STAGEMAKER_EXTRA_CA_CERTS: process.env.STAGEMAKER_EXTRA_CA_CERTS ?? process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt",
  };
  const check = (e: ZooEntry) =>
    checkModel(e, { repo, workDir: projects, prefix: o.prefix ?? "zoo-", env, stepTimeoutMs: 900_000 * factor, keep: o.keep, say });
  say(`checking ${entries.length} models, ${o.concurrency ?? 2} at a time`);
  const results = await inGroups(roundRobin(entries), o.concurrency ?? 2, check, (r) => {
    say(`${r.name}: ${r.verdict}${r.reason ? ` (${r.reason})` : ""} in ${r.seconds} s`);
    o.onResult?.(r);
  });
  const order = new Map(entries.map((e, i) => [e.name, i]));
  results.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return { results, untrained, seconds: Math.round((Date.now() - started) / 1000) };
}

const describe = (e: ZooEntry) => ({ name: e.name, framework: e.framework, version: e.version, format: e.format });
const groupOf = (e: ZooEntry) => `${e.framework}/${e.environment.trainer}`;

/** One entry of each group in turn, so every framework is reached early in a long run. */
function roundRobin(entries: ZooEntry[]): ZooEntry[] {
  const rank = new Map<string, number>();
  const ranked = entries.map((e) => {
    const n = rank.get(groupOf(e)) ?? 0;
    rank.set(groupOf(e), n + 1);
    return { e, n };
  });
  return ranked.sort((a, b) => a.n - b.n).map(({ e }) => e);
}

/** Runs `check` on every entry, `concurrency` at a time, each group's first entry before its siblings. */
async function inGroups(
  entries: ZooEntry[],
  concurrency: number,
  check: (e: ZooEntry) => Promise<ModelResult>,
  done: (r: ModelResult) => void,
): Promise<ModelResult[]> {
  const pending = [...entries];
  const warming = new Map<string, Promise<unknown>>(); // group -> its first entry's check
  const warm = new Set<string>();
  const results: ModelResult[] = [];
  const worker = async (): Promise<void> => {
    while (pending.length) {
      const i = pending.findIndex((e) => warm.has(groupOf(e)) || !warming.has(groupOf(e)));
      if (i < 0) {
        // Every pending group's first entry is still being checked by another worker: wait for one.
        await Promise.race([...warming].filter(([g]) => !warm.has(g)).map(([, p]) => p));
        continue;
      }
      const [entry] = pending.splice(i, 1);
      const group = groupOf(entry!);
      const checking = check(entry!).catch((err: unknown): ModelResult => ({
        ...describe(entry!),
        verdict: "wrong",
        reason: `the check itself failed: ${String(err)}`,
        seconds: 0,
      }));
      if (!warming.has(group))
        warming.set(
          group,
          checking.then(() => warm.add(group)),
        );
      const r = await checking;
      results.push(r);
      done(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}
