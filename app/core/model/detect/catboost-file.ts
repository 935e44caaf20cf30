// CatBoost binary model files (.cbm): "CBM1", then a FlatBuffers model whose metadata keeps plain
// JSON/text values (the release that wrote it, the training params, the class names). Reading those
// strings is enough to name the version and the objective; nothing is decoded beyond them.
import type { Detection } from "../../../contract";

type Found = Pick<Detection, "kind" | "format" | "frameworkVersion" | "summary" | "notes">;

const METADATA_WINDOW = 32 * 1024 ** 2;
const latin1 = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

export function detectCatboost(buf: Uint8Array): Found | undefined {
  if (latin1(buf.subarray(0, 4)) !== "CBM1") return undefined;
  // Only the head and the tail are searched: a whole large model would not fit in one JS string.
  const text =
    buf.length <= 2 * METADATA_WINDOW
      ? latin1(buf)
      : latin1(buf.subarray(0, METADATA_WINDOW)) + latin1(buf.subarray(buf.length - METADATA_WINDOW));
  // "catboost_version_info" holds git info: "Summary: CatBoost Release 1.2.8." (or "Branch: tags/v1.2.8").
  const version = /CatBoost Release (\d+\.\d+(?:\.\d+){0,2})/.exec(text)?.[1] ?? /tags\/v(\d+\.\d+(?:\.\d+){0,2})/.exec(text)?.[1];
  const loss = /"loss_function":\{"type":"([A-Za-z0-9_]+)"/.exec(text)?.[1];
  const classNames = /"class_names":(\[[^\]]*\])/.exec(text)?.[1];
  let classes: unknown[] = [];
  try {
    classes = classNames ? (JSON.parse(classNames) as unknown[]) : [];
  } catch {
    classes = [];
  }
  const parts = [loss ?? "unknown loss function", classes.length ? `classes ${classes.map(String).join(", ")}` : undefined].filter(Boolean);
  return {
    kind: "catboost",
    format: "catboost-cbm",
    frameworkVersion: version,
    summary: parts.join(", "),
    notes: version ? [] : ["The file records no CatBoost release."],
  };
}
