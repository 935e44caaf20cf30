// Whether the project's model can be served as the project stands. A model Stagemaker cannot serve
// is refused with the reason and what to do; it is never served by something else: not by the
// template's example predictor (model/predictor.py as the template ships it, made-up answers), nor
// by a predictor generated earlier for another model. A predictor the person wrote is theirs to build.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Detection, GENERATED_KINDS, type Manifest, type ModelRefusal, StagemakerError } from "../../../contract";
import { ARTIFACTS_DIR, MODEL_DIR } from "../../projects/project-layout";
import { resolveInProject } from "../../projects/safe-path";
import { isHandlerProject } from "../../schemas/handler-guard";
import { detectArtifact } from "../detect/detect-artifact";
import { personWrote } from "../file-status";
import { readRefusal } from "./refusal-record";
import { SERVED_ACTION_WORDS, type ServingGuard } from "../../serving-guard";

const PREDICTOR = `${MODEL_DIR}/predictor.py`;
const read = (p: string) => readFile(p, "utf8").catch(() => undefined);
/** Line endings and trailing blanks an editor may change do not make the example the person's own. */
const normalised = (s: string) =>
  s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trimEnd();

type PredictorOrigin = "example" | "generated" | "person" | "missing";

async function predictorOrigin(projectDir: string, templateDir: string): Promise<PredictorOrigin> {
  const current = await read(await resolveInProject(projectDir, PREDICTOR));
  if (current === undefined) return "missing"; // the server fails to load and says so: nothing stands in
  const example = await read(join(templateDir, PREDICTOR));
  if (example !== undefined && normalised(current) === normalised(example)) return "example";
  return (await personWrote(projectDir, templateDir, PREDICTOR)) === undefined ? "generated" : "person";
}

/** Files under artifacts/, relative to it; hidden ones (an import's staging folder) left out. */
async function artifactFiles(root: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".")) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await artifactFiles(root, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** A model in the file's bytes (a format Stagemaker knows, a pickle, model data): what it is and whether a predictor can be generated for it. */
async function modelIn(path: string, name: string): Promise<{ what: string; generated: boolean } | undefined> {
  let d: Detection;
  try {
    d = await detectArtifact(path, name);
  } catch (err) {
    // Refused by its bytes alone (a dangerous pickle, a torch state_dict): a model all the same.
    if (err instanceof StagemakerError) return { what: `a model Stagemaker refuses (${err.message})`, generated: false };
    throw err;
  }
  if ((GENERATED_KINDS as readonly string[]).includes(d.kind)) return { what: `a ${d.kind} model (${d.format})`, generated: true };
  if (d.kind !== "unknown") return { what: `a ${d.kind} model (${d.format})`, generated: false };
  // model.tar.gz: generating unpacks it and reads the model inside.
  if (d.format === "tar.gz") return { what: "SageMaker model data (a gzip'd tar)", generated: true };
  if (/^(pickle|joblib)/.test(d.format)) return { what: `a pickled ${d.summary ?? "object"} (${d.format})`, generated: false };
  return undefined; // data the person's own predictor may read (a JSON, a vocabulary…): not a model we can name
}

const ADD_ANOTHER = "add a model Stagemaker serves (the Model tab, or `stagemaker new DIR --from FILE`)";
const SCRIPT_MODE =
  "or serve it with your own SageMaker inference script: put it at artifacts/code/inference.py, then choose the model file under “one already in artifacts/” on the Model tab and Generate";

/** Why building or running the project now would serve something other than its model; null when nothing stands in the way. */
export async function modelRefusal(projectDir: string, manifest: Manifest, templateDir: string): Promise<ModelRefusal | null> {
  if (isHandlerProject(manifest)) return null; // the person's inference.py serves the model data
  const origin = await predictorOrigin(projectDir, templateDir);
  if (origin === "person" || origin === "missing") return null;
  const artifacts = await resolveInProject(projectDir, ARTIFACTS_DIR);
  const stillThere = async (f: string) => Boolean(await stat(join(artifacts, ...f.split("/"))).catch(() => null));

  const record = await readRefusal(projectDir);
  const refused = record && (await Promise.all(record.files.map(async (f) => ((await stillThere(f)) ? f : undefined)))).find(Boolean);
  if (record && refused) {
    const instead =
      origin === "example"
        ? "the template's example predictor (model/predictor.py as the template ships it), whose answers are made up"
        : "the predictor generated earlier for another model";
    return {
      cause: "refused-at-intake",
      artifact: refused,
      message: `artifacts/${refused} was refused when Stagemaker read it: ${record.message.trim()} Building or running the project now would serve ${instead}, not this model.`,
      todo:
        `What to do: write model/predictor.py yourself so that it loads artifacts/${refused} (a predictor you wrote is built as it is); ` +
        `or remove artifacts/${refused}${origin === "generated" ? " (that alone serves the earlier model again)" : ""} and ${ADD_ANOTHER}; ${SCRIPT_MODE}.`,
    };
  }
  if (origin !== "example") return null;
  for (const f of await artifactFiles(artifacts)) {
    const model = await modelIn(join(artifacts, ...f.split("/")), f);
    if (!model) continue;
    const yourself = `write model/predictor.py yourself so that it loads artifacts/${f}`;
    return {
      cause: "example-predictor",
      artifact: f,
      message: `artifacts/${f} is ${model.what}, but model/predictor.py is still the template's example, which never reads it: the server would answer with made-up predictions, not this model's.`,
      todo: model.generated
        ? `What to do: generate the predictor from it (Model tab: choose it under “one already in artifacts/” and Generate; CLI: \`stagemaker new DIR --from FILE\`), or ${yourself}; or remove artifacts/${f} to build the template's example as it is.`
        : `What to do: Stagemaker generates no predictor for it, so ${yourself}; ${SCRIPT_MODE}; or remove artifacts/${f} to build the template's example as it is.`,
    };
  }
  return null;
}

export function servingGuard(templateDir: string): ServingGuard {
  return async (projectDir, manifest, action) => {
    const refusal = await modelRefusal(projectDir, manifest, templateDir);
    if (refusal)
      throw new StagemakerError(
        "invalid-input",
        `Stagemaker will not ${SERVED_ACTION_WORDS[action]}. ${refusal.message}\n${refusal.todo}`,
        {
          modelRefusal: refusal,
        },
      );
  };
}
