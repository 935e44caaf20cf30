// One zoo entry as the trainer writes it (expected.json), parsed at the boundary like every input.
import { z } from "zod";

const Cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);
/** One prediction: a value, or a list of values for a multi-output model. */
const Predicted = z.union([Cell, z.array(Cell)]);

export const ZooEntry = z.object({
  name: z.string().min(1),
  framework: z.string(),
  version: z.string(),
  /** joblib, pickle, json, ubj, binary, text, cbm, onnx, sagemaker-xgboost, "model.tar.gz (joblib)"… */
  format: z.string(),
  what: z.string(),
  artifact: z.string(),
  environment: z.object({ python: z.string(), numpy: z.string(), trainer: z.string() }),
  /** The model's own feature names, in order; null when it has none (fit on a bare array). */
  features: z.array(z.string()).nullable(),
  /** Rows in feature order (CSV), and the same rows keyed by feature name (JSON) when named. */
  rows: z.array(z.array(Cell)).min(1),
  records: z.array(z.record(z.string(), Cell)).nullable(),
  /** The framework's own predictions on the rows (its predict(), or onnxruntime's first output). */
  predictions: z.array(Predicted).min(1),
  opsets: z.record(z.string(), z.number()).optional(),
  converter: z.string().optional(),
  dir: z.string().optional(),
});
export type ZooEntry = z.infer<typeof ZooEntry>;
export type Cell = z.infer<typeof Cell>;
export type Predicted = z.infer<typeof Predicted>;
