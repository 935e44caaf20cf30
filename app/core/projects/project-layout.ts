// The names of a project folder's fixed parts, written once (the core, the build context and reload use them).

/** The manifest at the project root. */
export const MANIFEST_FILE = "stagemaker.json";
/** Stagemaker's own per-project files (build record, invocation history); never in an image. Spelled in the contract: the renderer keeps its drafts there. */
export { PROJECT_STATE_DIR, TOOL_FOLDERS } from "../../contract";
/** Model artifacts: mounted read-only at /opt/ml/model, or baked into the image. */
export const ARTIFACTS_DIR = "artifacts";
/** The predictor's code; dev mode mounts it over the image's copy. */
export const MODEL_DIR = "model";
