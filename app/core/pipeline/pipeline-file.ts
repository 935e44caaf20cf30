// A pipeline folder: its stagemaker-pipeline.json, read and written with the contract's schema.
import { mkdir, readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { type Manifest, PIPELINE_FILE, PipelineManifest, StagemakerError } from "../../contract";
import { openProjectDir } from "../project-dir";
import { writeFileAtomic } from "../projects/atomic-write";

export interface PipelineStepProject {
  index: number;
  name: string;
  dir: string;
  manifest: Manifest;
  /** Ports 8080, 8081, … as SageMaker gives each container of a pipeline its own. */
  bindToPort: number;
}

export async function isPipelineDir(dir: string): Promise<boolean> {
  return (await stat(join(dir, PIPELINE_FILE)).catch(() => null))?.isFile() ?? false;
}

export async function readPipeline(dir: string): Promise<{ dir: string; manifest: PipelineManifest; steps: PipelineStepProject[] }> {
  const file = join(dir, PIPELINE_FILE);
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    throw new StagemakerError(
      "not-found",
      `${dir} is not a pipeline folder (no ${PIPELINE_FILE}). Create one with \`stagemaker pipeline new ${dir} <project>...\`.`,
    );
  }
  let manifest: PipelineManifest;
  try {
    manifest = PipelineManifest.parse(JSON.parse(raw));
  } catch (err) {
    throw new StagemakerError("invalid-input", `${file} is not a valid pipeline file: ${(err as Error).message}`);
  }
  const steps: PipelineStepProject[] = [];
  for (const [index, step] of manifest.steps.entries()) {
    const projectDir = isAbsolute(step.project) ? step.project : resolve(dir, step.project);
    const { manifest: m } = await openProjectDir(projectDir).catch((err: Error) => {
      throw new StagemakerError(
        "not-found",
        `Step ${index + 1} of the pipeline (${step.project}) is not a Stagemaker project: ${err.message}`,
      );
    });
    steps.push({ index, name: m.name, dir: projectDir, manifest: m, bindToPort: 8080 + index });
  }
  return { dir, manifest, steps };
}

/** A new pipeline folder naming the projects in order (stored relative, so the folders can move together). */
export async function createPipeline(dir: string, projects: string[], name?: string): Promise<void> {
  if (await isPipelineDir(dir)) throw new StagemakerError("conflict", `${dir} already holds a pipeline.`);
  for (const p of projects) await openProjectDir(p);
  await mkdir(dir, { recursive: true });
  const manifest = PipelineManifest.parse({
    name: name ?? basename(dir),
    steps: projects.map((p) => ({ project: relative(dir, p) || "." })),
  });
  await writeFileAtomic(join(dir, PIPELINE_FILE), JSON.stringify(manifest, null, 2) + "\n");
}
