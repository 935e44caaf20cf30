// The examples/<name>.json file format: one readable file per example, JSON bodies kept as JSON with numbers exactly as written.
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import { z } from "zod";
import { Example, type ExpectedAnswer, ExampleName, MatchRules, StagemakerError } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";

export const EXAMPLES_DIR = "examples";

/** A body in the file: `body` (a JSON value, for JSON media types) or `bodyText` (anything else). */
const StoredBody = z.object({ body: z.unknown().optional(), bodyText: z.string().optional() });
const StoredExample = z.object({
  name: ExampleName,
  description: z.string().optional(),
  savedAt: z.string().optional(),
  request: z
    .object({ path: z.string(), contentType: z.string(), accept: z.string().optional(), customAttributes: z.string().optional() })
    .and(StoredBody),
  expected: z.object({ status: z.number().int(), contentType: z.string().optional() }).and(StoredBody),
  match: MatchRules.default({ floatAbs: 1e-6, floatRel: 1e-6, ignore: [] }),
});

export const isJsonType = (contentType?: string) => !!contentType && /^application\/(.+\+)?json\s*(;|$)/i.test(contentType.trim());

/** The file name for an example's name: lowercase, spaces to hyphens. */
export function exampleFileName(name: string): string {
  return `${name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")}.json`;
}

/** JSON text → a value whose numbers keep their text (1.0 stays 1.0 when written back). */
function toStored(text: string, contentType?: string): { body?: unknown; bodyText?: string } {
  if (isJsonType(contentType)) {
    try {
      return { body: parseLossless(text) };
    } catch {
      // Not JSON after all: keep it as text so nothing is lost.
    }
  }
  return { bodyText: text };
}

function fromStored(stored: { body?: unknown; bodyText?: string }, where: string): string {
  if (stored.bodyText !== undefined) return stored.bodyText;
  if (stored.body === undefined) throw new StagemakerError("invalid-input", `${where} has neither "body" nor "bodyText".`);
  return stringifyLossless(stored.body) ?? "";
}

export async function readExampleFile(projectDir: string, file: string): Promise<Example> {
  const text = await readFile(join(projectDir, EXAMPLES_DIR, file), "utf8");
  let raw: unknown;
  try {
    raw = parseLossless(text); // bodies keep their number text; the rules are read with JSON.parse below
  } catch (e) {
    throw new StagemakerError("invalid-input", `examples/${file} is not valid JSON: ${(e as Error).message}. Fix or delete the file.`);
  }
  const plain = JSON.parse(text) as Record<string, unknown>;
  const parsed = StoredExample.safeParse(plain);
  if (!parsed.success)
    throw new StagemakerError("invalid-input", `examples/${file} does not follow the example format: ${z.prettifyError(parsed.error)}`);
  const exact = raw as { request: { body?: unknown }; expected: { body?: unknown } };
  const e = parsed.data;
  return {
    name: e.name,
    file,
    description: e.description,
    savedAt: e.savedAt,
    request: {
      path: e.request.path as Example["request"]["path"],
      contentType: e.request.contentType,
      accept: e.request.accept,
      customAttributes: e.request.customAttributes,
      body: fromStored({ bodyText: e.request.bodyText, body: exact.request.body }, `examples/${file} request`),
    },
    expected: {
      status: e.expected.status,
      contentType: e.expected.contentType,
      body: fromStored({ bodyText: e.expected.bodyText, body: exact.expected.body }, `examples/${file} expected`),
    },
    match: e.match,
  };
}

/** Every example, by file name; a broken file is reported with the others still listed. */
export async function listExamples(projectDir: string): Promise<{ examples: Example[]; broken: { file: string; message: string }[] }> {
  const files = await readdir(join(projectDir, EXAMPLES_DIR)).catch(() => [] as string[]);
  const examples: Example[] = [];
  const broken: { file: string; message: string }[] = [];
  for (const file of files.filter((f) => f.endsWith(".json")).sort()) {
    try {
      examples.push(await readExampleFile(projectDir, file));
    } catch (e) {
      broken.push({ file, message: (e as Error).message });
    }
  }
  return { examples, broken };
}

export async function writeExampleFile(projectDir: string, example: Omit<Example, "file">, overwrite: boolean): Promise<Example> {
  const file = exampleFileName(example.name);
  const path = join(projectDir, EXAMPLES_DIR, file);
  if (!overwrite && (await stat(path).catch(() => undefined)))
    throw new StagemakerError(
      "conflict",
      `An example named "${example.name}" exists (examples/${file}). Pick another name or overwrite it.`,
    );
  const stored = {
    name: example.name,
    ...(example.description ? { description: example.description } : {}),
    savedAt: example.savedAt ?? new Date().toISOString(),
    request: {
      path: example.request.path,
      contentType: example.request.contentType,
      ...(example.request.accept ? { accept: example.request.accept } : {}),
      ...(example.request.customAttributes ? { customAttributes: example.request.customAttributes } : {}),
      ...toStored(example.request.body, example.request.contentType),
    },
    expected: {
      status: example.expected.status,
      ...(example.expected.contentType ? { contentType: example.expected.contentType } : {}),
      ...toStored(example.expected.body, example.expected.contentType),
    },
    match: example.match,
  };
  await mkdir(join(projectDir, EXAMPLES_DIR), { recursive: true });
  await writeFileAtomic(path, `${stringifyLossless(stored, undefined, 2)}\n`);
  return { ...example, file };
}

/**
 * A new expected answer for an example, written into its file; everything else in the file (the
 * request's exact number text, the match rules, keys we do not know) stays as it was written.
 */
export async function replaceExpected(projectDir: string, example: Example, answer: ExpectedAnswer): Promise<Example> {
  const path = join(projectDir, EXAMPLES_DIR, example.file);
  const raw = parseLossless(await readFile(path, "utf8")) as Record<string, unknown>;
  raw.expected = {
    status: answer.status,
    ...(answer.contentType ? { contentType: answer.contentType } : {}),
    ...toStored(answer.body, answer.contentType),
  };
  raw.savedAt = new Date().toISOString();
  await writeFileAtomic(path, `${stringifyLossless(raw, undefined, 2)}\n`);
  return readExampleFile(projectDir, example.file);
}

export async function removeExampleFile(projectDir: string, name: string): Promise<void> {
  const { examples } = await listExamples(projectDir);
  const found = examples.find((e) => e.name === name);
  if (!found) throw new StagemakerError("not-found", `No example named "${name}" in examples/.`);
  await rm(join(projectDir, EXAMPLES_DIR, found.file));
}
