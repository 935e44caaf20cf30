// Checks instances and predictions against the model's JSON Schemas, field by field.
import Papa from "papaparse";
import type { JsonSchema } from "../../../app/contract";
import { bodyFormat } from "./body-format";
import { cellValue, type Column } from "./form-schema";
import { schemaProblems } from "./json-schema-check";

/** "rooms_detail.0.size: must be >= 0" style problems, keyed by the top-level field. */
export interface FieldProblem {
  field: string;
  path: string;
  message: string;
}

function problems(schema: JsonSchema, value: unknown): FieldProblem[] {
  return schemaProblems(schema, value).map((p) => ({ field: p.path[0] ?? "", path: p.path.join("."), message: p.message }));
}

/** Problems per instance (same order), empty lists for valid ones. */
export function checkInstances(schema: JsonSchema, instances: unknown[]): FieldProblem[][] {
  return instances.map((i) => problems(schema, i));
}

export interface CheckedPredictions {
  /** The predictions read from the body (objects when the schema says so). */
  rows: unknown[];
  problems: FieldProblem[][];
  /** Why the body could not be read as predictions (not JSON, no `predictions` list…). */
  unreadable?: string;
}

/** Reads the answer as a list of predictions (JSON, JSON Lines or CSV) and checks each against Prediction. */
export function checkPredictions(schema: JsonSchema, columns: Column[], body: string, contentType: string | undefined): CheckedPredictions {
  let rows: unknown[];
  try {
    const format = bodyFormat(contentType ?? "application/json");
    if (format === "json") {
      const data: unknown = JSON.parse(body);
      const list = Array.isArray(data) ? data : (data as { predictions?: unknown })?.predictions;
      if (!Array.isArray(list)) return { rows: [], problems: [], unreadable: 'the answer has no "predictions" list' };
      rows = list;
    } else if (format === "jsonl")
      rows = body
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as unknown);
    else if (format === "csv")
      rows = Papa.parse<string[]>(body.trim(), { skipEmptyLines: true }).data.map((r) =>
        Object.fromEntries(columns.map((c, i) => [c.name, cellValue(r[i] ?? "", c)]).filter(([, v]) => v !== undefined)),
      );
    else return { rows: [], problems: [], unreadable: `${contentType} answers are not checked` };
  } catch (e) {
    return { rows: [], problems: [], unreadable: e instanceof Error ? e.message : "unreadable" };
  }
  return { rows, problems: rows.map((r) => problems(schema, r)) };
}
