// Instances ⇄ one application/x-npy array, the two layouts the model server reads: a lone tensor field
// (the batch on the first axis, each row one instance's tensor) or scalar number fields (shape (n, fields)).
import { base64ToBytes, bytesToBase64, type NpyArray, type NpyWriteType, readNpy, shapeOf, writeNpy } from "../../../app/contract";
import type { Column } from "./form-schema";

/** Why these fields have no NPY layout, or undefined when they have one. */
export function npyLayoutProblem(columns: Column[]): string | undefined {
  if (columns.length === 1 && columns[0]!.tensor) return undefined;
  if (columns.length > 0 && columns.every((c) => c.kind === "number" || c.kind === "integer" || c.kind === "boolean")) return undefined;
  if (columns.some((c) => c.tensor))
    return "one NPY array carries one tensor field; this model has several fields, so send JSON (one nested list per field)";
  return "NPY carries numbers only; fields of other types need JSON or CSV";
}

const typeFor = (items: string[]): NpyWriteType =>
  items.every((i) => i === "boolean") ? "b1" : items.every((i) => i === "integer") ? "i8" : "f4";

/** The instances as one .npy array (base64), or why they cannot be one. */
export function instancesToNpy(instances: unknown[], columns: Column[]): { base64: string } | { problem: string } {
  const problem = npyLayoutProblem(columns);
  if (problem) return { problem };
  try {
    const rows = instances as Record<string, unknown>[];
    const lone = columns.length === 1 && columns[0]!.tensor;
    const value = lone ? rows.map((r) => r?.[columns[0]!.name]) : rows.map((r) => columns.map((c) => Number(r?.[c.name])));
    // float32 for tensors, as the frameworks hold them; float64 for plain number columns (no precision lost on the way).
    const kinds = columns.map((c) => c.kind);
    const type = lone ? typeFor([lone.item]) : typeFor(kinds) === "f4" ? "f8" : typeFor(kinds);
    return { base64: bytesToBase64(writeNpy(value, type)) };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}

/** A .npy array (base64) as instances, checked against the fields' layout. */
export function npyToInstances(base64: string, columns: Column[]): { instances: unknown[]; array: NpyArray } | { problem: string } {
  let array: NpyArray;
  try {
    array = readNpy(base64ToBytes(base64));
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  const problem = npyLayoutProblem(columns);
  if (problem) return { problem };
  const rows = Array.isArray(array.values) ? (array.values as unknown[]) : [array.values];
  const tensor = columns.length === 1 ? columns[0]!.tensor : undefined;
  if (tensor) {
    // One instance without the batch axis is taken as a batch of one.
    if (array.shape.length === tensor.rank) return { instances: [{ [columns[0]!.name]: array.values }], array };
    if (array.shape.length !== tensor.rank + 1)
      return {
        problem: `${columns[0]!.name} takes ${tensor.rank} dimensions per instance; the array has shape (${array.shape.join(", ")})`,
      };
    return { instances: rows.map((r) => ({ [columns[0]!.name]: r })), array };
  }
  const table = array.shape.length === 1 && columns.length === 1 ? rows.map((v) => [v]) : rows;
  if (!table.every((r) => Array.isArray(r) && r.length === columns.length))
    return {
      problem: `expected shape (n, ${columns.length}) for ${columns.map((c) => c.name).join(", ")}; got (${array.shape.join(", ")})`,
    };
  return { instances: table.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, (r as unknown[])[i]]))), array };
}

/** A pasted JSON nested array as .npy (base64): float32 unless every number is whole. */
export function jsonArrayToNpy(text: string): { base64: string; shape: number[] } | { problem: string } {
  try {
    const value: unknown = JSON.parse(text);
    const shape = shapeOf(value);
    const flat = (Array.isArray(value) ? value.flat(Infinity) : [value]) as unknown[];
    const type: NpyWriteType = flat.every((v) => typeof v === "boolean") ? "b1" : flat.every((v) => Number.isInteger(v)) ? "i8" : "f4";
    return { base64: bytesToBase64(writeNpy(value, type)), shape };
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}
