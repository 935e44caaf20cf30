// From an artifact in the project to the files that serve it: detect (host, bytes only), pin,
// build the framework image, introspect (container), generate, and compare with what is there.
import type Docker from "dockerode";
import { rm } from "node:fs/promises";
import {
  type Detection,
  GENERATED_KINDS,
  type ModelPlan,
  type Manifest,
  type PlanEvent,
  StagemakerError,
  UnpackLimits,
} from "../../contract";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { resolveInProject } from "../projects/safe-path";
import { detectArtifact } from "./detect/detect-artifact";
import { personWrote, statusOf } from "./file-status";
import type { BuildSettings } from "../settings/effective-settings";
import { ensureToolsImage } from "../diagnostics/tools-image";
import { generate, introspect, pinsOf } from "./introspect/framework-calls";
import { buildFrameworkImage } from "./introspect/framework-image";
import { isModelData, unpackModelData } from "./unpack-model-data";
import { refuseUnreachableIndex } from "./package-index";

export interface ModelPlanDeps {
  docker: Docker;
  templateDir: string;
  /** CA bundle and build args for the framework image (the user's settings). */
  build?: BuildSettings;
  limits?: UnpackLimits;
}

const generated = (kind: string) => (GENERATED_KINDS as readonly string[]).includes(kind);

export interface PlanOptions {
  /** The model card's "framework version" (wins over requirements.txt and the table). */
  frameworkVersion?: string;
  /** Told which files under artifacts/ the plan is about (a model.tar.gz's, once unpacked), so a refusal can name them. */
  onFiles?: (files: string[]) => void;
}

export async function planModel(
  deps: ModelPlanDeps,
  projectDir: string,
  manifest: Manifest,
  artifact: string,
  emit: (e: PlanEvent) => void,
  signal?: AbortSignal,
  opts: PlanOptions = {},
): Promise<ModelPlan> {
  emit({ type: "stage", stage: "detect", message: `Reading the bytes of ${artifact}` });
  const { detection, unpackNotes } = await detectInProject(deps, projectDir, artifact, signal, opts.onFiles);
  if (!generated(detection.kind))
    throw new StagemakerError(
      "invalid-input",
      `${detection.file}: ${detection.notes.join(" ") || `a ${detection.kind} file Stagemaker cannot generate a predictor for.`}`,
      { detection },
    );

  emit({ type: "stage", stage: "image", message: "Choosing the packages that load it" });
  const toolsImage = await ensureToolsImage(
    deps.docker,
    { projectDir, templateDir: deps.templateDir, extraCaCertsPath: deps.build?.extraCaCertsPath, buildArgs: deps.build?.buildArgs },
    signal,
  );
  const tools = { image: toolsImage, templateDir: deps.templateDir };
  // A version the person wrote in requirements.txt (not the one Stagemaker wrote) is honoured.
  const requirementsTxt = await personWrote(projectDir, deps.templateDir, "requirements.txt");
  const pins = await pinsOf(deps.docker, tools, detection, { requirementsTxt, frameworkVersion: opts.frameworkVersion }, signal);
  refuseUnreachableIndex(detection, pins, deps.build?.buildArgs);

  emit({ type: "stage", stage: "image", message: `Building the image with ${pins.requirements.join(", ")}` });
  const image = await buildFrameworkImage(deps.docker, projectDir, manifest, (event) => emit({ type: "build", event }), {
    requirements: pins.files?.["requirements.txt"] ?? pins.requirements.join("\n") + "\n",
    systemPackages: pins.files?.["system-packages.txt"] ?? pins.systemPackages.join("\n") + "\n",
    templateDir: deps.templateDir,
    signal,
    build: deps.build,
  });

  emit({ type: "stage", stage: "introspect", message: `Loading ${detection.file} with ${detection.kind} inside a container` });
  const info = await introspect(deps.docker, image, await resolveInProject(projectDir, ARTIFACTS_DIR), detection, pins, signal);

  emit({ type: "stage", stage: "generate", message: "Writing the Instance, the Prediction, the predictor and its tests" });
  const gen = await generate(deps.docker, tools, detection, info, pins, signal);
  return {
    detection,
    introspection: info,
    files: await statusOf(projectDir, deps.templateDir, gen.files),
    example: gen.example,
    requirements: pins.requirements,
    notes: [...unpackNotes, ...detection.notes, ...pins.notes],
    ...(pins.choices ? { choices: pins.choices, chosen: pins.version } : {}),
  };
}

/** Detects the artifact; SageMaker model data is unpacked into artifacts/ first and its model file chosen. */
async function detectInProject(
  deps: ModelPlanDeps,
  projectDir: string,
  artifact: string,
  signal?: AbortSignal,
  onFiles?: (files: string[]) => void,
): Promise<{ detection: Detection; unpackNotes: string[] }> {
  const path = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${artifact}`);
  if (!(await isModelData(path))) return { detection: await detectArtifact(path, artifact), unpackNotes: [] };
  const unpacked = await unpackModelData(projectDir, path, deps.limits ?? UnpackLimits.parse({}), signal);
  onFiles?.(unpacked.files);
  await rm(path); // its files are in artifacts/ now, where SageMaker would have extracted them
  const notes = [`${artifact} was unpacked into artifacts/ (${unpacked.files.length} files) and removed.`];
  if (unpacked.skipped.length) notes.push(`Links and special files were not created: ${unpacked.skipped.join(", ")}.`);
  const found: Detection[] = [];
  for (const f of unpacked.files) found.push(await detectArtifact(await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${f}`), f));
  const model = found.find((d) => generated(d.kind)) ?? found.find((d) => d.kind !== "unknown") ?? found[0];
  if (!model) throw new StagemakerError("invalid-input", `${artifact} holds no files.`);
  if (found.filter((d) => generated(d.kind)).length > 1)
    notes.push(`Several model files were found; ${model.file} is served (plan another to choose it).`);
  return { detection: model, unpackNotes: notes };
}
