// What an export would write and commit, computed without writing anything: the exported files,
// what differs from the target's, the artifacts decision, the message, and any refusal.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import type Docker from "dockerode";
import type { ExportFile, ExportInput, ExportPlan, Manifest } from "../../contract";
import { EXPORT_RECORD, type ExportedFile, collectExportFiles } from "./export-files";
import { exportedReadme } from "./exported-readme";
import { listRuns } from "../load/saved-runs";
import { readSchemas } from "../schemas/read-schemas";
import type { ReadmeSchemas } from "./exported-readme";
import { type GitIn, inspectTarget, refusal } from "./target-repo";

export interface PlannedExport {
  plan: ExportPlan;
  files: Map<string, ExportedFile>;
  deleted: string[];
}

async function digest(file: ExportedFile | string): Promise<string | null> {
  const hash = createHash("sha256");
  const source = typeof file === "string" ? file : "source" in file ? file.source : null;
  if (source === null) return hash.update((file as { content: Buffer }).content).digest("hex");
  try {
    for await (const chunk of createReadStream(source)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest("hex");
}

/**
 * Added and modified files (content compared), files of an earlier export no longer written, and
 * the person's own files (not written by an earlier export) that the export would overwrite.
 */
async function compare(
  target: string,
  files: Map<string, ExportedFile>,
): Promise<{ changes: ExportFile[]; deleted: string[]; theirs: string[] }> {
  const previous = await readFile(join(target, EXPORT_RECORD), "utf8").then(
    (t) => (JSON.parse(t) as { files?: string[] }).files ?? [],
    () => [] as string[],
  );
  const ours = new Set(previous);
  const changes: ExportFile[] = [];
  const theirs: string[] = [];
  for (const file of files.values()) {
    const existing = await digest(join(target, file.path));
    if (existing === null) changes.push({ path: file.path, bytes: file.bytes, change: "added" });
    else if (existing !== (await digest(file))) {
      changes.push({ path: file.path, bytes: file.bytes, change: "modified" });
      if (!ours.has(file.path)) theirs.push(file.path);
    }
  }
  const deleted: string[] = [];
  for (const path of previous) {
    if (files.has(path) || path.includes("..")) continue;
    if ((await digest(join(target, path))) !== null) {
      deleted.push(path);
      changes.push({ path, bytes: 0, change: "deleted" });
    }
  }
  return { changes: changes.sort((a, b) => a.path.localeCompare(b.path)), deleted, theirs };
}

export function commitMessage(name: string, first: boolean, changes: ExportFile[], own?: string): string {
  const byKind = (kind: ExportFile["change"]) => changes.filter((c) => c.change === kind).map((c) => c.path);
  const lines: string[] = [];
  for (const kind of ["added", "modified", "deleted"] as const) {
    const paths = byKind(kind);
    if (paths.length === 0) continue;
    const shown = paths.slice(0, 40).join(", ");
    lines.push(`${kind} (${paths.length}): ${shown}${paths.length > 40 ? `, and ${paths.length - 40} more` : ""}`);
  }
  const subject = own?.trim() || (first ? `Export ${name} from Stagemaker` : `Update ${name} from Stagemaker`);
  return `${subject}\n\n${lines.join("\n")}\n`;
}

export interface PlanDeps {
  docker: Docker;
  templateDir: string;
  gitIn: GitIn;
}

export async function planExport(
  deps: PlanDeps,
  project: { dir: string; manifest: Manifest },
  input: ExportInput,
  options: { schemas?: ReadmeSchemas | null; signal?: AbortSignal } = {},
): Promise<PlannedExport> {
  const to = resolve(input.to);
  const repoName = basename(to)
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-");
  let schemas = options.schemas;
  if (schemas === undefined) {
    const image = await deps.docker
      .getImage(project.manifest.imageTag)
      .inspect()
      .catch(() => null);
    schemas = image ? await readSchemas(deps.docker, project.dir, project.manifest, { signal: options.signal }) : null;
  }
  const loadReport = (await listRuns(project.dir)).find((r) => r.status === "completed") ?? null;
  const { files, artifacts } = await collectExportFiles({
    dir: project.dir,
    templateDir: deps.templateDir,
    manifest: project.manifest,
    repoName,
    settings: input,
    readme: (decision, list) =>
      exportedReadme({
        manifest: project.manifest,
        repoName,
        schemas: schemas ?? null,
        artifacts: decision,
        artifactFiles: list,
        deployTool: input.deployTool,
        loadReport,
      }),
  });
  const target = await inspectTarget(deps.gitIn, to, options.signal);
  const remoteUrl = input.remote?.trim() || undefined;
  let refused = insideProject(project.dir, to);
  refused ??= await refusal({ gitIn: deps.gitIn, target, branch: input.branch, remoteUrl, push: input.push, signal: options.signal });
  if (!refused && artifacts.decision === "lfs") {
    const lfs = await deps
      .gitIn(project.dir, options.signal)
      .raw(["lfs", "version"])
      .then(
        () => true,
        () => false,
      );
    if (!lfs)
      refused =
        "The artifacts are over the threshold and Git LFS was chosen, but git-lfs is not installed. Install it (apt install git-lfs, brew install git-lfs), or choose to leave them out (make package), or raise the threshold.";
  }
  const { changes, deleted, theirs } = target.exists
    ? await compare(to, files)
    : {
        changes: [...files.values()]
          .map((f): ExportFile => ({ path: f.path, bytes: f.bytes, change: "added" }))
          .sort((a, b) => a.path.localeCompare(b.path)),
        deleted: [],
        theirs: [],
      };
  if (!refused && theirs.length > 0)
    refused = `These files in the target are yours (no earlier export wrote them) and would be overwritten: ${theirs.slice(0, 8).join(", ")}${theirs.length > 8 ? `, and ${theirs.length - 8} more` : ""}. Rename or remove them there (and commit), or export into another folder.`;
  const plan: ExportPlan = {
    target: {
      dir: to,
      exists: target.exists,
      isRepository: target.isRepository,
      branch: target.branch,
      head: target.head,
      remoteUrl: remoteUrl ?? target.originUrl,
    },
    changes,
    totalFiles: files.size,
    artifacts,
    message: commitMessage(project.manifest.name, !target.head, changes, input.message),
    refusal: refused,
  };
  return { plan, files, deleted };
}

function insideProject(projectDir: string, to: string): string | undefined {
  const within = (parent: string, child: string) => {
    const rel = relative(parent, child);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  };
  if (within(projectDir, to) || within(to, projectDir))
    return `The target ${to} overlaps the project folder ${projectDir}. Choose a folder outside the project.`;
  return undefined;
}
