// The Instance/Prediction contract as Python reports it, and the field table the visual editor writes from.
import { z } from "zod";
import { ProjectRef } from "./projects";

export const JsonSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchema>;

/** Whether a field table can stand for a model file (no validators, methods, Config…). */
export const ModelSource = z.object({ editable: z.boolean(), problems: z.array(z.string()) });
export type ModelSource = z.infer<typeof ModelSource>;

export const SchemaKind = z.enum(["instance", "prediction"]);
export type SchemaKind = z.infer<typeof SchemaKind>;

const PythonName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a Python name: letters, digits and _, not starting with a digit");

/**
 * One row of the field table; `list` wraps the type (List[...]), `nullable` makes it Optional.
 * Python writes the file from it (server-template/tools/model_writer.py, which documents each key).
 */
export const FieldSpec = z.object({
  name: PythonName,
  type: z.enum(["str", "int", "float", "bool", "enum", "model"]),
  list: z.boolean().default(false),
  /** Lists of lists when `list` is set: 2 is List[List[...]] (a model's tensor input). */
  listDepth: z.number().int().min(1).max(8).optional(),
  /** The choices of an enum (written as Literal[...]): text, or the whole numbers and booleans a model was fitted on. */
  enumValues: z.array(z.union([z.string(), z.number().int(), z.boolean()])).default([]),
  /** The name in requests when it is not `name` (a model's own feature name, e.g. "income ($)"). */
  alias: z.string().optional(),
  /** The nested model's class name when type is "model". */
  model: PythonName.optional(),
  required: z.boolean().default(true),
  nullable: z.boolean().default(false),
  default: z.unknown().optional(),
  description: z.string().optional(),
  example: z.unknown().optional(),
  ge: z.number().optional(),
  le: z.number().optional(),
  gt: z.number().optional(),
  lt: z.number().optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(0).optional(),
  pattern: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const ModelSpec = z.object({ name: PythonName, description: z.string().optional(), fields: z.array(FieldSpec) });
export type ModelSpec = z.infer<typeof ModelSpec>;

/** What one model file holds: its main class (Instance or Prediction) and the models it nests. */
export const ModelFileSpec = z.object({ main: ModelSpec, nested: z.array(ModelSpec).default([]) });
export type ModelFileSpec = z.infer<typeof ModelFileSpec>;

export const ModelSchemas = z.object({
  instance: JsonSchema,
  prediction: JsonSchema,
  /** Declaration order: the CSV column order. */
  fieldOrder: z.object({ instance: z.array(z.string()), prediction: z.array(z.string()) }),
  pydantic: z.enum(["1", "2"]),
  sources: z.object({ instance: ModelSource, prediction: ModelSource }),
  /** The field tables derived from the schemas (absent where a schema uses what a table cannot show). */
  tables: z.object({ instance: ModelFileSpec.nullable(), prediction: ModelFileSpec.nullable() }),
  /** Where Python ran: the running dev container (model/ mounted) or a throwaway one from the image. */
  readFrom: z.enum(["container", "image"]),
  image: z.string(),
  /** Hash of model/ (and server/) the schemas were read from: the cache key. */
  contentHash: z.string(),
  readAt: z.string(),
  readMs: z.number(),
  /** The image's dependencies predate an edit (requirements, Dockerfile…): rebuild to refresh. */
  stale: z.object({ reason: z.string(), changed: z.array(z.string()) }).optional(),
});
export type ModelSchemas = z.infer<typeof ModelSchemas>;

export const ReadSchemasInput = ProjectRef.extend({ refresh: z.boolean().default(false) });
export const WriteModelInput = ProjectRef.extend({ which: SchemaKind, spec: ModelFileSpec });
export const ModelCode = z.object({ path: z.string(), code: z.string() });
export type ModelCode = z.infer<typeof ModelCode>;
