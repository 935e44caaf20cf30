// From an artifact in the project to the files that serve it: detect (host, bytes only), pin,
// build the framework image, introspect (container), generate, and compare with what is there.
import type Docker from "dockerode";
import { rm } from "node:fs/promises";
import { type Detection, GENERATED_KINDS, type IntakePlan, type Manifest, type PlanEvent, StagemakerError, UnpackLimits } from "../../contract";
import { ARTIFACTS_DIR } from "../projects/project-layout";
import { resolveInProject } from "../projects/safe-path";
import { detectArtifact } from "./detect/detect-artifact";
import { statusOf } from "./file-status";
import { generateFiles, requirementsText, systemPackagesText } from "./generate/generate-files";
import type { BuildSettings } from "../settings/effective-settings";
import { buildFrameworkImage } from "./introspect/framework-image";
import { runIntrospection } from "./introspect/run-introspection";
import { pinsFor } from "./requirements/framework-pins";
import { honourRequested, requestedVersions } from "./requirements/requested-versions";
import { isModelData, unpackModelData } from "./unpack-model-data";

export interface IntakeDeps {
  docker: Docker;
  templateDir: string;
  /** CA bundle and build args for the framework image (the user's settings). */
  build?: BuildSettings;
  limits?: UnpackLimits;
}

const generated = (kind: string) => (GENERATED_KINDS as readonly string[]).includes(kind);

export async function planIntake(deps: IntakeDeps, projectDir: string, manifest: Manifest, artifact: string, emit: (e: PlanEvent) => void, signal?: AbortSignal): Promise<IntakePlan> {
  emit({ type: "stage", stage: "detect", message: `Reading the bytes of ${artifact}` });
  const { detection, unpackNotes } = await detectInProject(deps, projectDir, artifact, signal);
  if (!generated(detection.kind))
    throw new StagemakerError("invalid-input", `${detection.file}: ${detection.notes.join(" ") || `a ${detection.kind} file Stagemaker cannot generate a predictor for.`}`, { detection });
  // Versions the person wrote in requirements.txt (a notebook's environment, say) win over the table.
  const pins = honourRequested(pinsFor(detection), await requestedVersions(projectDir, deps.templateDir));

  emit({ type: "stage", stage: "image", message: `Building the image with ${pins.requirements.join(", ")}` });
  const image = await buildFrameworkImage(deps.docker, projectDir, manifest, (event) => emit({ type: "build", event }), {
    requirements: requirementsText(detection, pins),
    systemPackages: systemPackagesText(pins),
    templateDir: deps.templateDir,
    signal,
    build: deps.build,
  });

  emit({ type: "stage", stage: "introspect", message: `Loading ${detection.file} with ${detection.kind} inside a container` });
  const info = await runIntrospection(deps.docker, {
    image,
    artifactsDir: await resolveInProject(projectDir, ARTIFACTS_DIR),
    artifact: detection.file,
    kind: detection.kind,
    requirements: pins.requirements,
    signal,
  });

  emit({ type: "stage", stage: "generate", message: "Writing the Instance, the Prediction and the predictor" });
  const gen = generateFiles(detection, info, pins);
  return {
    detection,
    introspection: info,
    files: await statusOf(projectDir, deps.templateDir, gen.files),
    example: gen.example,
    requirements: pins.requirements,
    notes: [...unpackNotes, ...detection.notes, ...pins.notes],
  };
}

/** Detects the artifact; SageMaker model data is unpacked into artifacts/ first and its model file chosen. */
async function detectInProject(deps: IntakeDeps, projectDir: string, artifact: string, signal?: AbortSignal): Promise<{ detection: Detection; unpackNotes: string[] }> {
  const path = await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${artifact}`);
  if (!(await isModelData(path))) return { detection: await detectArtifact(path, artifact), unpackNotes: [] };
  const unpacked = await unpackModelData(projectDir, path, deps.limits ?? UnpackLimits.parse({}), signal);
  await rm(path); // its files are in artifacts/ now, where SageMaker would have extracted them
  const notes = [`${artifact} was unpacked into artifacts/ (${unpacked.files.length} files) and removed.`];
  if (unpacked.skipped.length) notes.push(`Links and special files were not created: ${unpacked.skipped.join(", ")}.`);
  const found: Detection[] = [];
  for (const f of unpacked.files) found.push(await detectArtifact(await resolveInProject(projectDir, `${ARTIFACTS_DIR}/${f}`), f));
  const model = found.find((d) => generated(d.kind)) ?? found.find((d) => d.kind !== "unknown") ?? found[0];
  if (!model) throw new StagemakerError("invalid-input", `${artifact} holds no files.`);
  if (found.filter((d) => generated(d.kind)).length > 1) notes.push(`Several model files were found; ${model.file} is served (plan another to choose it).`);
  return { detection: model, unpackNotes: notes };
}
