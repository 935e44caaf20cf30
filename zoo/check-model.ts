// One zoo entry through the real CLI on the real engine, as a user would: new --from → build → run
// → invoke (text/csv and application/json) → compare with the framework's own predictions → stop.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { cleanUpProject } from "../app/core/testing/throwaway-template";
import { compareCsv, compareJson, csvBody, isToyInstance, jsonBody } from "./compare";
import type { ZooEntry } from "./zoo-entry";

export type Verdict = "right" | "refused" | "wrong";

export interface ModelResult {
  name: string;
  framework: string;
  version: string;
  format: string;
  verdict: Verdict;
  /** Why it was refused, or what was wrong (empty when right). */
  reason: string;
  seconds: number;
}

export interface CheckOptions {
  /** The repository whose bin/stagemaker.mjs runs. */
  repo: string;
  /** Where projects are made (one folder per entry). */
  workDir: string;
  /** Project names are prefix + entry name (zoo-… by default), so they collide with nobody's. */
  prefix: string;
  env: NodeJS.ProcessEnv;
  /** Each CLI step gives up after this many ms. */
  stepTimeoutMs: number;
  keep?: boolean;
  say?: (line: string) => void;
}

interface Envelope {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { message: string; detail?: { hint?: string } };
}

function cli(o: CheckOptions, args: string[]): Promise<{ code: number; envelope: Envelope | undefined; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "node",
      ["bin/stagemaker.mjs", "--json", ...args],
      { cwd: o.repo, env: o.env, timeout: o.stepTimeoutMs, maxBuffer: 64 * 1024 ** 2 },
      (err, stdout, stderr) => {
        let envelope: Envelope | undefined;
        try {
          envelope = JSON.parse(stdout.slice(stdout.indexOf("{"))) as Envelope;
        } catch {
          envelope = undefined;
        }
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, envelope, stderr });
      },
    );
  });
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 400);
const why = (r: { code: number; envelope: Envelope | undefined; stderr: string }) =>
  oneLine(
    r.envelope?.error
      ? `${r.envelope.error.message}${r.envelope.error.detail?.hint ? ` What to do: ${r.envelope.error.detail.hint}` : ""}`
      : r.stderr.split("\n").filter(Boolean).slice(-3).join(" ") || `exit ${r.code}`,
  );

/** The Instance field names the project gives a model that has no names of its own, in order. */
function instanceNames(created: Envelope): string[] | undefined {
  const plan = created.value?.plan as { introspection?: { features?: { name: string }[] }; example?: { json?: string } } | undefined;
  const fromIntrospection = plan?.introspection?.features?.map((f) => f.name);
  if (fromIntrospection?.length) return fromIntrospection;
  try {
    const example = JSON.parse(plan?.example?.json ?? "") as { instances?: Record<string, unknown>[] };
    return Object.keys(example.instances?.[0] ?? {});
  } catch {
    return undefined;
  }
}

export async function checkModel(entry: ZooEntry, o: CheckOptions): Promise<ModelResult> {
  const started = Date.now();
  const name = `${o.prefix}${entry.name}`.toLowerCase();
  const dir = join(o.workDir, name);
  const result = (verdict: Verdict, reason = ""): ModelResult => ({
    name: entry.name,
    framework: entry.framework,
    version: entry.version,
    format: entry.format,
    verdict,
    reason,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  await rm(dir, { recursive: true, force: true });
  try {
    const created = await cli(o, ["new", dir, "--name", name, "--from", join(entry.dir!, entry.artifact)]);
    if (created.code !== 0 || !created.envelope?.ok) return result("refused", why(created));
    const instance = await readFile(join(dir, "model", "instance.py"), "utf8").catch(() => "");
    if (!created.envelope.value?.plan || isToyInstance(instance))
      return result("wrong", "new --from exited 0 but the project keeps the template's toy predictor (field1, field2)");

    o.say?.(`${entry.name}: building`);
    const built = await cli(o, ["build", dir]);
    if (built.code !== 0) return result("wrong", `accepted, but the image did not build: ${why(built)}`);
    const run = await cli(o, ["run", dir]);
    if (run.code !== 0) return result("wrong", `accepted, but the server did not start: ${why(run)}`);

    const csv = await invoke(o, dir, "text/csv", csvBody(entry.rows));
    if ("failed" in csv) return result("wrong", `text/csv: ${csv.failed}`);
    const csvAgrees = compareCsv(entry.predictions, csv.body);
    if (!csvAgrees.ok) return result("wrong", csvAgrees.reason);

    const names = instanceNames(created.envelope);
    const records =
      entry.records ??
      (names && names.length === entry.rows[0]!.length
        ? entry.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])))
        : undefined);
    if (!records)
      return result(
        "wrong",
        `application/json: the project names ${names?.length ?? 0} features where the model has ${entry.rows[0]!.length}`,
      );
    const json = await invoke(o, dir, "application/json", jsonBody(records));
    if ("failed" in json) return result("wrong", `application/json: ${json.failed}`);
    const jsonAgrees = compareJson(entry.predictions, json.body);
    return jsonAgrees.ok ? result("right") : result("wrong", jsonAgrees.reason);
  } finally {
    if (existsSync(dir)) {
      await cli(o, ["stop", dir]);
      await cleanUpProject(dir); // containers only: images stay as the next run's cache
      if (!o.keep) await rm(dir, { recursive: true, force: true });
    }
  }
}

async function invoke(o: CheckOptions, dir: string, type: string, body: string): Promise<{ body: string } | { failed: string }> {
  const r = await cli(o, ["invoke", dir, "--content-type", type, "--accept", type, "--data", body]);
  const value = r.envelope?.value as { status?: number; body?: string; failure?: unknown } | undefined;
  if (r.envelope?.ok && value?.status === 200 && typeof value.body === "string") return { body: value.body };
  if (value?.status) return { failed: `answered ${value.status}: ${oneLine(value.body ?? "")}` };
  return { failed: why(r) };
}
