// The request a load test repeats: a saved example, text, or a file, with its instances repeated up
// to the instances-per-request asked for (JSON, JSON Lines, CSV, NPY); else one made from the schema.
import { readFile, stat } from "node:fs/promises";
import { extname, isAbsolute } from "node:path";
import { type LoadBody, StagemakerError } from "../../contract";
import { listExamples } from "../examples/example-file";
import { sampleRequest } from "./sample-instance";
import { npyRows, repeatNpyRows } from "./npy-rows";

export interface ResolvedBody {
  description: string;
  contentType: string;
  accept?: string;
  path: string;
  body: Buffer;
  instances: number;
}

const SIX_MB = 6 * 1024 * 1024;
const TYPES: Record<string, string> = {
  ".json": "application/json",
  ".csv": "text/csv",
  ".npy": "application/x-npy",
  ".jsonl": "application/jsonlines",
};
const essence = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

export async function resolveBody(
  projectDir: string,
  given: LoadBody | undefined,
  base: string,
  signal: AbortSignal,
): Promise<ResolvedBody> {
  if (given?.from === "text")
    return counted({ description: "the text given", contentType: given.contentType, path: "/invocations", body: Buffer.from(given.text) });
  if (given?.from === "file") {
    if (!isAbsolute(given.path))
      throw new StagemakerError("invalid-input", `Give the body file as an absolute path (got "${given.path}").`);
    const size = (await stat(given.path).catch(() => null))?.size;
    if (size === undefined) throw new StagemakerError("not-found", `The body file ${given.path} does not exist. Check the path.`);
    if (size > SIX_MB)
      throw new StagemakerError(
        "invalid-input",
        `The body file is ${size} bytes, over SageMaker's 6 MB request limit. Use fewer instances.`,
      );
    const contentType = given.contentType ?? TYPES[extname(given.path).toLowerCase()];
    if (!contentType)
      throw new StagemakerError(
        "invalid-input",
        `Cannot tell the body's type from "${extname(given.path)}". Give its content type (--content-type).`,
      );
    return counted({ description: given.path, contentType, path: "/invocations", body: await readFile(given.path) });
  }
  const { examples } = await listExamples(projectDir);
  const wanted = given?.from === "example" ? examples.find((e) => e.name === given.name) : examples[0];
  if (given?.from === "example" && !wanted) {
    throw new StagemakerError(
      "not-found",
      `No saved example is named "${given.name}". Saved: ${examples.map((e) => e.name).join(", ") || "none"}.`,
    );
  }
  if (wanted) {
    const r = wanted.request;
    return counted({
      description: `example "${wanted.name}"`,
      contentType: r.contentType,
      accept: r.accept,
      path: r.path,
      body: Buffer.from(r.body),
    });
  }
  const text = await sampleRequest(base, signal);
  return counted({
    description: "one instance made from the Instance schema (no saved example)",
    contentType: "application/json",
    path: "/invocations",
    body: Buffer.from(text),
  });
}

function counted(b: Omit<ResolvedBody, "instances">): ResolvedBody {
  return { ...b, instances: instancesIn(b.contentType, b.body) };
}

/** How many instances a body holds, read the way the template's codecs read them; 1 when the type is not one of these. */
export function instancesIn(contentType: string, body: Buffer): number {
  switch (essence(contentType)) {
    case "application/json": {
      try {
        const value = JSON.parse(body.toString("utf8")) as unknown;
        if (Array.isArray(value)) return value.length;
        const instances = (value as { instances?: unknown } | null)?.instances;
        return Array.isArray(instances) ? instances.length : 1;
      } catch {
        return 1;
      }
    }
    case "text/csv":
    case "application/jsonlines":
      return lines(body).length;
    case "application/x-npy":
      return npyRows(body)?.rows ?? 1;
    default:
      return 1;
  }
}

const lines = (body: Buffer) =>
  body
    .toString("utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");

/** The body with its instances repeated in turn until it holds `n` (n smaller: the first n). */
export function repeatInstances(b: ResolvedBody, n: number): ResolvedBody {
  if (n === b.instances) return b;
  const cycle = <T>(items: T[]) => Array.from({ length: n }, (_, i) => items[i % items.length]!);
  const refuse = () => {
    throw new StagemakerError(
      "invalid-input",
      `Cannot repeat the instances of a ${b.contentType} body; leave instances per request unset, or give a JSON, JSON Lines, CSV or NPY body.`,
    );
  };
  let body: Buffer | undefined;
  switch (essence(b.contentType)) {
    case "application/json": {
      const value = JSON.parse(b.body.toString("utf8")) as unknown;
      if (Array.isArray(value) && value.length) body = Buffer.from(JSON.stringify(cycle(value)));
      else {
        const instances = (value as { instances?: unknown[] } | null)?.instances;
        if (Array.isArray(instances) && instances.length)
          body = Buffer.from(JSON.stringify({ ...(value as object), instances: cycle(instances) }));
      }
      break;
    }
    case "text/csv":
    case "application/jsonlines": {
      const all = lines(b.body);
      if (all.length) body = Buffer.from(cycle(all).join("\n") + "\n");
      break;
    }
    case "application/x-npy":
      body = repeatNpyRows(b.body, n) ?? undefined;
      break;
  }
  if (!body) return refuse();
  if (body.length > SIX_MB)
    throw new StagemakerError(
      "invalid-input",
      `${n} instances make a ${body.length}-byte request, over SageMaker's 6 MB limit. Ask for fewer instances per request.`,
    );
  return { ...b, body, instances: n };
}
