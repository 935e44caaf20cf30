import { cp, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { Manifest, StagemakerError } from "../../contract";
import { imageTagFor, newProjectId, safeImageName } from "./image-name";
import { writeManifest } from "./manifest";
import { ARTIFACTS_DIR, PROJECT_STATE_DIR, TOOL_FOLDERS } from "./project-layout";

/** Template files the core never copies into a project (caches and downloaded wheels). */
const SKIPPED = new Set([...TOOL_FOLDERS, "wheelhouse"]);

export interface CreateProjectOptions {
  name: string;
  /** Folder to create; must not exist or be empty. */
  dir: string;
  /** The server template to copy (the composition root says which: shipped, packaged or a test's). */
  templateDir: string;
}

/** A new project folder: the template's files, an empty artifacts/, and a manifest. */
export async function createProject({ name, dir, templateDir }: CreateProjectOptions): Promise<{ dir: string; manifest: Manifest }> {
  const target = resolve(dir);
  const existing = await readdir(target).catch(() => null);
  if (existing && existing.length > 0)
    throw new StagemakerError("conflict", `${target} already exists and is not empty. Pick a new folder, or open it if it is a project.`);
  const templateVersion = await readFile(join(templateDir, "VERSION"), "utf8").then(
    (v) => v.trim(),
    () => {
      throw new StagemakerError("not-found", `The server template is missing at ${templateDir} (no VERSION file). Reinstall Stagemaker.`);
    },
  );
  await mkdir(target, { recursive: true });
  await cp(templateDir, target, {
    recursive: true,
    filter: (src) => !SKIPPED.has(basename(src)) && !src.endsWith(".pyc"),
  });
  await mkdir(join(target, ARTIFACTS_DIR), { recursive: true });
  await mkdir(join(target, PROJECT_STATE_DIR), { recursive: true });
  // Every other field takes its default from the schema, the one place defaults are written.
  const projectId = newProjectId();
  const manifest = Manifest.parse({ name, templateVersion, projectId, imageTag: imageTagFor(name, projectId) });
  await writeManifest(target, manifest);
  return { dir: target, manifest };
}

/** Where a project goes when the person gave only a name. */
export async function defaultProjectDir(workspaceDir: string, name: string): Promise<string> {
  const base = join(workspaceDir, safeImageName(name));
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const taken = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}
