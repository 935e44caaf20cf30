// Instances ⇄ request body as JSON, JSON Lines or CSV, so the form, the table and the raw body stay in sync.
import Papa from "papaparse";
import { cellText, cellValue, type Column } from "./form-schema";
import { instancesToNpy, npyToInstances } from "./npy-body";

/** npy: the body is one .npy array, held base64 (bytes cannot live in a text editor). */
export type BodyFormat = "json" | "jsonl" | "csv" | "npy" | "other";

export function bodyFormat(contentType: string): BodyFormat {
  if (/x-npy/i.test(contentType)) return "npy";
  if (/jsonlines|jsonl|ndjson/i.test(contentType)) return "jsonl";
  if (/json/i.test(contentType)) return "json";
  if (/text\/csv/i.test(contentType)) return "csv";
  return "other";
}

/** The body for these instances; CSV has no header row (columns follow the Instance's field order). */
export function instancesToBody(instances: unknown[], format: BodyFormat, columns: Column[]): string | null {
  if (format === "json") return JSON.stringify({ instances }, null, 2);
  if (format === "jsonl") return instances.map((i) => JSON.stringify(i)).join("\n") + "\n";
  if (format === "npy") {
    // No layout for these fields: an empty body, and the editor says why.
    const npy = instancesToNpy(instances, columns);
    return "base64" in npy ? npy.base64 : "";
  }
  if (format === "csv") {
    const rows = instances.map((i) => columns.map((c) => cellText((i as Record<string, unknown>)?.[c.name], c)));
    return Papa.unparse(rows, { newline: "\n" }) + "\n";
  }
  return null;
}

/** CSV text (pasted or loaded) as instances, by column order. */
export function csvToInstances(text: string, columns: Column[]): unknown[] {
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  // A first row that names the fields is a header, not data.
  const start = rows[0] && columns.length && rows[0].every((cell, i) => cell.trim() === columns[i]?.name) ? 1 : 0;
  return rows.slice(start).map((row) => {
    const out: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = cellValue(row[i] ?? "", c);
      if (v !== undefined) out[c.name] = v;
    });
    return out;
  });
}

/** The instances a raw body holds, or why it cannot be read as instances. */
export function bodyToInstances(body: string, format: BodyFormat, columns: Column[]): { instances: unknown[] } | { problem: string } {
  try {
    if (format === "json") {
      const data: unknown = JSON.parse(body);
      const list = Array.isArray(data) ? data : (data as { instances?: unknown })?.instances;
      return Array.isArray(list) ? { instances: list } : { problem: 'expected {"instances": [...]}' };
    }
    if (format === "jsonl")
      return {
        instances: body
          .split("\n")
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as unknown),
      };
    if (format === "csv") return { instances: csvToInstances(body, columns) };
    if (format === "npy") {
      if (!body) return { problem: "no array yet: load a .npy file" };
      const read = npyToInstances(body, columns);
      return "problem" in read ? read : { instances: read.instances };
    }
  } catch (e) {
    return { problem: e instanceof Error ? e.message : "cannot be read" };
  }
  return { problem: "this content type has no form" };
}
