// The model.* wire: what a dropped model file was found to be, and the project files generated from it.
import { z } from "zod";
import { BuildEvent } from "./build";
import { ProjectRef } from "./projects";

export const ModelKind = z.enum(["sklearn", "xgboost", "lightgbm", "onnx", "keras", "pytorch", "tensorflow", "catboost", "unknown"]);
export type ModelKind = z.infer<typeof ModelKind>;

/** Kinds whose predictor Stagemaker can generate; the others are detected and only imported. */
export const GENERATED_KINDS = [
  "sklearn",
  "xgboost",
  "lightgbm",
  "catboost",
  "onnx",
  "keras",
  "pytorch",
  "tensorflow",
] as const satisfies readonly ModelKind[];

export const TensorInfo = z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) });

/** What the bytes alone say (read on the host, nothing executed). */
export const Detection = z.object({
  file: z.string(), // path relative to artifacts/ (or the file name for `inspect`)
  size: z.number().int().nonnegative(),
  kind: ModelKind,
  format: z.string(), // e.g. "joblib", "xgboost-ubj", "lightgbm-text", "onnx", "zip"
  /** The framework version recorded in the file, when it records one (e.g. "1.5.2", "4.x"). */
  frameworkVersion: z.string().optional(),
  /** The top-level class or objective the bytes name (sklearn.pipeline.Pipeline, binary:logistic…). */
  summary: z.string().optional(),
  /** Python modules a pickle imports while loading (their packages must be installed). */
  modules: z.array(z.string()).default([]),
  numpy: z.enum(["1", "2"]).optional(), // the numpy major a pickle was written with
  inputs: z.array(TensorInfo).optional(),
  outputs: z.array(TensorInfo).optional(),
  /** ONNX: the IR version and the opset of each domain ("" and "ai.onnx" are the same), which choose the runtime. */
  onnx: z.object({ irVersion: z.number().int(), opsets: z.record(z.string(), z.number().int()) }).optional(),
  /** Keras: every class its saved config names (layers, initialisers), which choose the backend. */
  layers: z.array(z.string()).optional(),
  /** A pickle: versions of frameworks whose own saved document it embeds (an XGBoost booster's "version"), which choose the pin. */
  embedded: z.record(z.string(), z.string()).optional(),
  notes: z.array(z.string()).default([]),
});
export type Detection = z.infer<typeof Detection>;

const Dtype = z.enum(["float", "int", "str", "bool"]);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Value: z.ZodType<unknown> = z.lazy(() => z.union([Scalar, z.null(), z.array(Value)]));

/** One Instance field, in the model's feature order (server-template/server/frameworks/README.md). */
export const Feature = z.object({
  name: z.string(), // the artifact's own name (CSV header, DataFrame column, ONNX input)
  dtype: Dtype,
  categories: z.array(z.union([z.string(), z.number()])).optional(),
  /** Per-row tensor shape (no batch axis): the field is a nested list of dtype. */
  shape: z.array(z.number().int()).optional(),
  /** A free-text column (a vectorizer reads it). */
  text: z.boolean().optional(),
  /** The model accepts a missing value here (null in JSON, an empty CSV cell): the field is Optional. */
  missing: z.boolean().optional(),
});
export type Feature = z.infer<typeof Feature>;

/** One Prediction field, in the order the adapter answers them. */
export const Output = z.object({
  name: z.string(),
  dtype: Dtype,
  categories: z.array(Scalar).optional(),
  shape: z.array(z.number().int()).optional(),
});
export type Output = z.infer<typeof Output>;

/** What the framework itself reports, read inside a container with the pinned version. */
export const Introspection = z.object({
  kind: ModelKind,
  frameworkVersion: z.string(),
  task: z.enum(["classification", "regression", "clustering", "anomaly", "other"]),
  objective: z.string().optional(),
  estimator: z.string().optional(),
  features: z.array(Feature),
  /** Named features (feature_names_in_, feature_names, feature_name()) vs positional f0…fN. */
  namedFeatures: z.boolean(),
  outputs: z.array(Output),
  classes: z.array(Scalar).optional(),
  classType: Dtype.optional(),
  probabilities: z.boolean(),
  /** A few rows (by feature name) and the framework's own answers on them (by output name). */
  expected: z.array(z.object({ row: z.record(z.string(), Value), prediction: z.record(z.string(), Value) })),
});
export type Introspection = z.infer<typeof Introspection>;

/** A build of the framework the person may pick in the model card (PyTorch: Debian CPU, CPU index, PyPI CUDA). */
export const FrameworkChoice = z.object({
  /** Sent back as the plan's frameworkVersion. */
  version: z.string(),
  label: z.string(),
  /** The image's expected size, shown before the build. */
  imageSize: z.string(),
  /** What else it needs (a pip index in Settings…). */
  needs: z.string().optional(),
  /** The package index besides PyPI its wheels come from (PyTorch's CPU index). */
  index: z.string().url().optional(),
});
export type FrameworkChoice = z.infer<typeof FrameworkChoice>;

/** Which packages load the model (`python -m tools.frameworks pins`). */
export const Pins = z.object({
  package: z.string(),
  version: z.string(),
  requirements: z.array(z.string()),
  systemPackages: z.array(z.string()),
  debian: z.object({ packages: z.array(z.string()), version: z.string() }).optional(),
  notes: z.array(z.string()),
  choices: z.array(FrameworkChoice).optional(),
  /** A package index besides PyPI the requirements need: the build is refused until pip's settings name it. */
  index: z.string().url().optional(),
  /** requirements.txt and system-packages.txt as Generate writes them (the command line adds them). */
  files: z.object({ "requirements.txt": z.string(), "system-packages.txt": z.string() }).optional(),
});
export type Pins = z.infer<typeof Pins>;

/** What the adapters answer instead when a model cannot be served: what, why, what to do. */
export const Refused = z.object({ refused: z.object({ message: z.string(), why: z.string(), todo: z.string() }) });

/** `python -m tools.frameworks generate`: the project files and a request to try. */
export const GeneratedProject = z.object({
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  example: z.object({ json: z.string(), csv: z.string() }),
});
export type GeneratedProject = z.infer<typeof GeneratedProject>;

export const GeneratedFile = z.object({
  path: z.string(), // relative to the project
  content: z.string(),
  /** new: absent; same: already identical; replaces: unchanged template/generated file; changed: the user edited it. */
  status: z.enum(["new", "same", "replaces", "changed"]),
  /** Unified diff from the current file, for "replaces" and "changed". */
  diff: z.string().optional(),
});
export type GeneratedFile = z.infer<typeof GeneratedFile>;

export const ModelPlan = z.object({
  detection: Detection,
  introspection: Introspection,
  files: z.array(GeneratedFile),
  /** A request built from the Instance, per content type, so the tester works at once. */
  example: z.object({ json: z.string(), csv: z.string() }),
  requirements: z.array(z.string()),
  notes: z.array(z.string()),
  /** The framework builds to choose from, with the one this plan used. */
  choices: z.array(FrameworkChoice).optional(),
  chosen: z.string().optional(),
});
export type ModelPlan = z.infer<typeof ModelPlan>;

/** A file on the host (the CLI's `inspect`); a model.tar.gz gives one detection per file inside. */
export const InspectInput = z.object({ path: z.string().min(1) });
export const InspectResult = z.object({ detections: z.array(Detection) });

export const PlanInput = ProjectRef.extend({
  artifact: z.string().min(1).describe("path relative to artifacts/"),
  /** The model card's "framework version": wins over the table and over requirements.txt. */
  frameworkVersion: z
    .string()
    .regex(/^[0-9][0-9A-Za-z.+-]*$/)
    .optional(),
});
export const PlanEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stage"), stage: z.enum(["detect", "image", "introspect", "generate"]), message: z.string() }),
  z.object({ type: z.literal("build"), event: BuildEvent }),
]);
export type PlanEvent = z.infer<typeof PlanEvent>;

export const ApplyPlanInput = ProjectRef.extend({
  files: z.array(z.object({ path: z.string().min(1), content: z.string() })).min(1),
  /** Files the user edited, confirmed after seeing the diff; any other "changed" file is a conflict. */
  overwrite: z.array(z.string()).default([]),
});
export const ApplyPlanResult = z.object({ written: z.array(z.string()), kept: z.array(z.string()) });
export type ApplyPlanResult = z.infer<typeof ApplyPlanResult>;

/** model.tar.gz unpacking limits (SageMaker's model data); also the CLI's defaults. */
export const UnpackLimits = z.object({
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(8 * 1024 ** 3),
  maxEntries: z.number().int().positive().default(10_000),
});
export type UnpackLimits = z.infer<typeof UnpackLimits>;

/** Whose defaults and answers a handler project (SageMaker script mode) follows: server/handlers in the template. */
export const HandlerDefaults = z.enum(["sklearn", "xgboost", "toolkit"]);
export type HandlerDefaults = z.infer<typeof HandlerDefaults>;

export const HandlerInput = ProjectRef.extend({
  artifact: z.string().min(1).describe("path relative to artifacts/: a model.tar.gz, or the model data already there"),
  /** Answer null, touching nothing, when the artifact holds no inference.py (the app asks before planning a predictor). */
  onlyIfScript: z.boolean().default(false),
});
/** A project that serves the person's own inference.py (model_fn, input_fn, predict_fn, output_fn or transform_fn). */
export const HandlerProject = z.object({
  /** Relative to artifacts/, where SageMaker extracts it: code/inference.py. */
  script: z.string(),
  /** The handler functions the script defines (read as text, never run on the host). */
  functions: z.array(z.string()),
  defaults: HandlerDefaults,
  /** The model file beside the script, when one is of a kind Stagemaker knows (its pins go in requirements.txt). */
  model: Detection.optional(),
  env: z.array(z.object({ name: z.string(), value: z.string() })),
  requirements: z.array(z.string()),
  written: z.array(z.string()),
  notes: z.array(z.string()),
});
export type HandlerProject = z.infer<typeof HandlerProject>;
export const HandlerResult = HandlerProject.nullable();

/**
 * Why the project's model cannot be served as the project stands: build, run, reload, checks, transform
 * and export refuse with it (never serving the template's example predictor in its place).
 * `refused-at-intake`: the last model added was refused when read (the reason is kept in
 * .stagemaker/refusal.json, so it survives restarts); `example-predictor`: artifacts/ holds a model
 * but model/predictor.py is still the template's example, which never reads it.
 */
export const ModelRefusal = z.object({
  cause: z.enum(["refused-at-intake", "example-predictor"]),
  /** The file under artifacts/ the refusal is about. */
  artifact: z.string(),
  /** What happened and why. */
  message: z.string(),
  /** What to do next (each way works when followed). */
  todo: z.string(),
});
export type ModelRefusal = z.infer<typeof ModelRefusal>;
