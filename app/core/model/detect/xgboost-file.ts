// XGBoost model files: JSON and UBJSON documents, and the legacy binary format.
import type { Detection } from "../../../contract";
import { type Ubj, UbjReader } from "./ubjson";

type Found = Pick<Detection, "kind" | "format" | "frameworkVersion" | "summary" | "notes">;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A parsed JSON/UBJ document that is an XGBoost model: {learner: {...}, version: [major, minor, patch]}. */
function fromDocument(doc: unknown, format: string): Found | undefined {
  if (!isRecord(doc) || !isRecord(doc.learner)) return undefined;
  const version = Array.isArray(doc.version) ? doc.version.join(".") : undefined;
  const objective = isRecord(doc.learner.objective) ? scalarText(doc.learner.objective.name) : "";
  const params = isRecord(doc.learner.learner_model_param) ? doc.learner.learner_model_param : {};
  const names = Array.isArray(doc.learner.feature_names) ? doc.learner.feature_names.length : 0;
  return {
    kind: "xgboost",
    format,
    frameworkVersion: version,
    summary: `${objective || "unknown objective"}, ${scalarText(params.num_feature) || "?"} features${names ? " (named)" : ""}`,
    notes: [],
  };
}

export function detectXgboostJson(text: string): Found | undefined {
  try {
    return fromDocument(JSON.parse(text), "xgboost-json");
  } catch {
    return undefined;
  }
}

export function detectXgboostUbj(buf: Uint8Array): Found | undefined {
  let doc: Ubj;
  try {
    doc = new UbjReader(buf).read();
  } catch {
    return undefined;
  }
  return fromDocument(doc, "xgboost-ubj");
}

const OBJECTIVE = /^(binary|multi|reg|rank|count|survival):[a-z_:]+$/;

/**
 * The legacy binary: optional "binf", a 136-byte LearnerModelParam (base_score f32, num_feature u32,
 * num_class i32, two flags, major and minor version u32 …), then objective and booster names as
 * u64-length strings. Only accepted when both names are ones XGBoost writes.
 */
export function detectXgboostBinary(buf: Uint8Array): Found | undefined {
  let at = 0;
  if (buf.length >= 4 && new TextDecoder("latin1").decode(buf.subarray(0, 4)) === "binf") at = 4;
  if (buf.length < at + 136 + 16) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const numFeature = view.getUint32(at + 4, true);
  const numClass = view.getInt32(at + 8, true);
  const major = view.getUint32(at + 20, true);
  const minor = view.getUint32(at + 24, true);
  let pos = at + 136;
  const str = () => {
    if (pos + 8 > buf.length) return undefined;
    const n = Number(view.getBigUint64(pos, true));
    if (n > 64 || pos + 8 + n > buf.length) return undefined;
    pos += 8 + n;
    return new TextDecoder("latin1").decode(buf.subarray(pos - n, pos));
  };
  const objective = str();
  const booster = str();
  if (!objective || !OBJECTIVE.test(objective) || !booster || !["gbtree", "gblinear", "dart"].includes(booster)) return undefined;
  return {
    kind: "xgboost",
    format: "xgboost-binary",
    frameworkVersion: major > 0 && major < 100 ? `${major}.${minor}` : undefined,
    summary: `${objective}, ${numFeature} features${numClass > 1 ? `, ${numClass} classes` : ""}`,
    notes: ["XGBoost's legacy binary format is deprecated (XGBoost 3 cannot load it): the project pins an XGBoost 2.x that still can."],
  };
}

/** A JSON scalar as text; anything else (absent, object, array) as "". */
function scalarText(v: unknown): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

/**
 * The XGBoost version a pickled estimator really needs: its booster is stored as XGBoost's own UBJSON
 * (2.x, 3.x) or JSON document, whose `version` array survives in the pickle's bytes even though the
 * pickle records no xgboost version (server/frameworks/embedded.py reads the same evidence again in
 * the container). The newest found wins; undefined when there is none.
 */
export function embeddedXgboostVersion(body: Uint8Array): string | undefined {
  const found: number[][] = [];
  const key = new TextEncoder().encode("version[");
  for (let at = indexOf(body, key, 0); at >= 0; at = indexOf(body, key, at + 1)) {
    try {
      const v = new UbjReader(body.subarray(at + key.length - 1, at + key.length + 64)).read();
      if (Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === "number")) found.push(v as number[]);
    } catch {
      // not an array after all: some other "version" in the bytes
    }
  }
  const jsonKey = new TextEncoder().encode('"version"');
  for (let at = indexOf(body, jsonKey, 0); at >= 0; at = indexOf(body, jsonKey, at + 1)) {
    const window = new TextDecoder("latin1").decode(body.subarray(at, at + 64)); // never the whole (maybe huge) file
    const m = /^"version"\s*:\s*\[\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\]/.exec(window);
    if (m) found.push(m.slice(1, 4).map(Number));
  }
  const plausible = found.filter((v) => v[0]! < 10);
  plausible.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
  return plausible.length ? plausible[plausible.length - 1]!.join(".") : undefined;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = hay.indexOf(first, from); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
