// LightGBM text model files ("tree\nversion=v4\n…").
import type { Detection } from "../../../contract";

/** The head of the file is enough: the model format version, objective and feature names come first. */
export function detectLightgbmText(
  head: string,
): Pick<Detection, "kind" | "format" | "frameworkVersion" | "summary" | "notes"> | undefined {
  if (!/^tree\r?\nversion=v\d+\r?\n/.test(head)) return undefined;
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, "m").exec(head)?.[1]?.trim();
  const format = value("version") ?? "";
  const objective = value("objective") ?? "unknown objective";
  const features = Number(value("max_feature_idx") ?? -1) + 1;
  return {
    kind: "lightgbm",
    format: "lightgbm-text",
    // The text format records its own version (v4 since LightGBM 4.0, v3 before), not the package's.
    frameworkVersion: format === "v4" ? "4.x" : format === "v3" ? "3.x" : undefined,
    summary: `${objective}, ${features > 0 ? features : "?"} features`,
    notes: [],
  };
}
