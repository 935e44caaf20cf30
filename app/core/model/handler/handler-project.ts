// SageMaker script mode: model data whose code/inference.py (or an inference.py beside the model
// file) is served as the person wrote it, by the template's server/handlers. The host only reads
// bytes: it finds the script, names the functions it defines, pins the model file's framework and
// sets the variables SageMaker's SDK sets (SAGEMAKER_PROGRAM, SAGEMAKER_SUBMIT_DIRECTORY).
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  type Detection,
  GENERATED_KINDS,
  type HandlerDefaults,
  type HandlerProject,
  type Manifest,
  type Pins,
  StagemakerError,
  type UnpackLimits,
} from "../../../contract";
import { writeFileAtomic } from "../../projects/atomic-write";
import { writeManifest } from "../../projects/manifest";
import { ARTIFACTS_DIR } from "../../projects/project-layout";
import { resolveInProject } from "../../projects/safe-path";
import { detectArtifact } from "../detect/detect-artifact";
import { recordGenerated, statusOf } from "../file-status";
import { isModelData, unpackModelData } from "../unpack-model-data";
import { modelDataNames } from "./model-data-names";

export const SCRIPT = "code/inference.py";
const HANDLER_FUNCTIONS = ["model_fn", "input_fn", "predict_fn", "output_fn", "transform_fn"];
const GENERATED = GENERATED_KINDS as readonly string[];

/** True when these files (relative to the model data's root) are script-mode model data. */
export function isHandlerLayout(files: string[]): boolean {
  return files.some((f) => f === SCRIPT || f === "inference.py");
}

/** The functions a script defines at top level, read as text (nothing runs on the host). */
export function handlerFunctions(source: string): string[] {
  return HANDLER_FUNCTIONS.filter((name) => new RegExp(`^def\\s+${name}\\s*\\(`, "m").test(source));
}

/** Whose defaults fit: the framework container that serves this model kind in script mode. */
export function defaultsFor(model: Detection | undefined, source: string): HandlerDefaults {
  if (/^\s*(import|from)\s+(torch|tensorflow|transformers)\b/m.test(source)) return "toolkit";
  if (model?.kind === "sklearn") return "sklearn";
  if (model?.kind === "xgboost") return "xgboost";
  return "toolkit";
}

/** The package name of a requirements line (`scikit-learn==1.5.2` → scikit-learn), lower-cased. */
const packageOf = (line: string) => /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line)?.[1]?.toLowerCase().replace(/_/g, "-");

async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true }).catch(() => [])) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export interface HandlerDeps {
  templateDir: string;
  limits: UnpackLimits;
  /** The packages that load a model file: its adapter's pins(), asked of Python (server/frameworks). */
  pins(model: Detection, signal?: AbortSignal): Promise<Pins>;
}

/** Whether the artifact is script-mode model data, from names only (nothing unpacked or moved). */
async function holdsScript(
  artifacts: string,
  path: string,
  modelData: boolean,
  limits: UnpackLimits,
  signal?: AbortSignal,
): Promise<boolean> {
  if (modelData) return isHandlerLayout(await modelDataNames(path, limits.maxEntries, signal));
  const present = async (rel: string) => Boolean(await stat(join(artifacts, ...rel.split("/"))).catch(() => null));
  return (await present(SCRIPT)) || (await present("inference.py"));
}

export async function makeHandlerProject(
  deps: HandlerDeps,
  projectDir: string,
  manifest: Manifest,
  artifact: string,
  signal?: AbortSignal,
  onlyIfScript = false,
): Promise<HandlerProject | null> {
  const notes: string[] = [];
  const artifacts = await resolveInProject(projectDir, ARTIFACTS_DIR);
  const path = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${artifact}`);
  const modelData = Boolean((await stat(path).catch(() => null))?.isFile()) && (await isModelData(path));
  if (onlyIfScript && !(await holdsScript(artifacts, path, modelData, deps.limits, signal))) return null;
  if (modelData) {
    const unpacked = await unpackModelData(projectDir, path, deps.limits, signal);
    await rm(path); // its files are in artifacts/ now, where SageMaker would have extracted them
    notes.push(`${artifact} was unpacked into artifacts/ (${unpacked.files.length} files) and removed.`);
  }
  // An inference.py beside the model file moves to code/, where SageMaker's containers look.
  if (
    !(await stat(join(artifacts, "code", "inference.py")).catch(() => null)) &&
    (await stat(join(artifacts, "inference.py")).catch(() => null))
  ) {
    await mkdir(join(artifacts, "code"), { recursive: true });
    await rename(join(artifacts, "inference.py"), join(artifacts, "code", "inference.py"));
    if (await stat(join(artifacts, "requirements.txt")).catch(() => null))
      await rename(join(artifacts, "requirements.txt"), join(artifacts, "code", "requirements.txt"));
    notes.push("inference.py (and its requirements.txt) moved into artifacts/code/, as SageMaker lays out model data.");
  }
  const source = await readFile(join(artifacts, "code", "inference.py"), "utf8").catch(() => {
    throw new StagemakerError(
      "invalid-input",
      `${artifact} holds no inference.py (looked for code/inference.py and inference.py). Add your handler script as code/inference.py, or import the model file alone to have a predictor generated.`,
    );
  });
  const functions = handlerFunctions(source);
  if (!functions.length)
    notes.push(
      "code/inference.py defines none of model_fn, input_fn, predict_fn, output_fn, transform_fn at top level; the server will say what is missing when it starts.",
    );
  else if (!functions.includes("model_fn"))
    notes.push(
      "code/inference.py has no model_fn: SageMaker's framework containers need one in script mode, and so does this server (the run will fail until you add it).",
    );

  const files = await listFiles(artifacts);
  const detections: Detection[] = [];
  for (const f of files.filter((f) => !f.startsWith("code/"))) detections.push(await detectArtifact(join(artifacts, ...f.split("/")), f));
  const model = detections.find((d) => GENERATED.includes(d.kind));
  const defaults = defaultsFor(model, source);

  const pins = model ? await deps.pins(model, signal) : { requirements: [], systemPackages: [], notes: [] };
  notes.push(...pins.notes);
  const own = (await readFile(join(artifacts, "code", "requirements.txt"), "utf8").catch(() => ""))
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  // The script's own requirements win over the pins for the same package.
  const mine = new Set(own.map(packageOf));
  const requirements = [...pins.requirements.filter((r) => !mine.has(packageOf(r))), ...own];
  // server/handlers' default decoders and encoders use numpy (the version the template's tests run).
  if (!requirements.some((r) => packageOf(r) === "numpy")) requirements.push("numpy==2.2.6");

  const planned = [
    {
      path: "requirements.txt",
      content:
        [
          `# Pinned by Stagemaker for artifacts/${SCRIPT}${model ? ` and ${model.file} (${model.kind} ${model.frameworkVersion ?? ""})`.trimEnd() : ""}, then artifacts/code/requirements.txt.`,
          "# Installed in the image at build time (SageMaker's containers install code/requirements.txt at every start).",
          ...requirements,
        ].join("\n") + "\n",
    },
    ...(pins.systemPackages.length
      ? [
          {
            path: "system-packages.txt",
            content:
              ["# Debian packages your model needs at run time (apt-get install), one per line.", ...pins.systemPackages].join("\n") + "\n",
          },
        ]
      : []),
  ];
  const written: string[] = [];
  for (const f of await statusOf(projectDir, deps.templateDir, planned)) {
    if (f.status === "same") continue;
    if (f.status === "changed") {
      notes.push(
        `You changed ${f.path}, so it was left as it is; it should list: ${planned
          .find((p) => p.path === f.path)!
          .content.split("\n")
          .filter((l) => l && !l.startsWith("#"))
          .join(" ")}.`,
      );
      continue;
    }
    await writeFileAtomic(await resolveInProject(projectDir, f.path), f.content);
    written.push(f.path);
  }
  await recordGenerated(
    projectDir,
    planned.filter((p) => written.includes(p.path)),
  );

  const env = [
    { name: "SAGEMAKER_PROGRAM", value: "inference.py" },
    { name: "SAGEMAKER_SUBMIT_DIRECTORY", value: "/opt/ml/model/code" },
    { name: "STAGEMAKER_HANDLER_DEFAULTS", value: defaults },
  ];
  const names = new Set(env.map((e) => e.name));
  await writeManifest(projectDir, { ...manifest, env: [...manifest.env.filter((e) => !names.has(e.name)), ...env] });
  written.push("stagemaker.json");
  return { script: SCRIPT, functions, defaults, model, env, requirements, written, notes };
}
