// Export: refuse with nothing written, or write the planned files into the target, commit them as
// one commit on the chosen branch, and push when asked (never forced).
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type ExportEvent, type ExportInput, type ExportResult, type Manifest, StagemakerError } from "../../contract";
import type { SimpleGit } from "simple-git";
import type { ExportedFile } from "./export-files";
import { readSchemas } from "../schemas/read-schemas";
import type { ReadmeSchemas } from "./exported-readme";
import { type PlanDeps, planExport } from "./plan-export";

export interface RunDeps extends PlanDeps {
  /** Builds the project's image when it is missing (the README's tables are read through it). */
  build: (emit: (line: string) => void, signal: AbortSignal) => Promise<void>;
}

async function writeExported(target: string, file: ExportedFile): Promise<void> {
  const path = join(target, file.path);
  await mkdir(dirname(path), { recursive: true });
  if ("content" in file) await writeFile(path, file.content);
  else await copyFile(file.source, path);
}

export async function runExport(
  deps: RunDeps,
  project: { dir: string; manifest: Manifest },
  input: ExportInput,
  emit: (e: ExportEvent) => void,
  signal: AbortSignal,
): Promise<ExportResult> {
  emit({ type: "step", step: "schemas", message: "Reading the Instance and Prediction schemas through the project's image" });
  const image = await deps.docker
    .getImage(project.manifest.imageTag)
    .inspect()
    .catch(() => null);
  if (!image) {
    emit({ type: "log", line: `Building ${project.manifest.imageTag} first (the README's tables come from it)` });
    await deps.build((line) => emit({ type: "log", line }), signal);
  }
  const schemas: ReadmeSchemas = await readSchemas(deps.docker, project.dir, project.manifest, { signal });

  emit({ type: "step", step: "check", message: "Checking the target folder and its remote" });
  const { plan, files, deleted } = await planExport(deps, project, input, { schemas, signal });
  if (plan.refusal) throw new StagemakerError("conflict", `Export refused, nothing was written: ${plan.refusal}`);
  const to = plan.target.dir;
  const branch = input.branch;
  const remoteUrl = plan.target.remoteUrl;

  if (signal.aborted) throw new StagemakerError("cancelled", "Export cancelled; nothing was written.");
  emit({ type: "step", step: "write", message: `Writing ${plan.changes.length} changed file(s) into ${to}` });
  await mkdir(to, { recursive: true });
  // From here to the commit a cancel waits: stopping half-way would leave our files uncommitted in
  // the target, and the next export would (rightly) refuse them as uncommitted changes.
  const git = deps.gitIn(to);
  if (!plan.target.isRepository) await git.init([`--initial-branch=${branch}`]);
  if (plan.artifacts.decision === "lfs") await git.raw(["lfs", "install", "--local"]);
  const changed = new Set(plan.changes.map((c) => c.path));
  for (const file of files.values()) if (changed.has(file.path)) await writeExported(to, file);
  for (const path of deleted) await rm(join(to, path), { force: true });
  if (input.remote?.trim() && !(await git.getRemotes()).some((r) => r.name === "origin"))
    await git.addRemote("origin", input.remote.trim());

  emit({ type: "step", step: "commit", message: "Committing" });
  // The target was clean before we wrote, so everything git now sees as changed is ours.
  await git.add(["-A", "--", "."]);
  const staged = (await git.raw(["diff", "--cached", "--name-only"])).trim();
  let committed = false;
  if (staged) {
    const identity = await hasIdentity(git);
    const config = identity ? [] : ["-c", "user.name=Stagemaker", "-c", "user.email=stagemaker@localhost"];
    if (!identity) emit({ type: "log", line: "git has no user.name/user.email here: committing as Stagemaker <stagemaker@localhost>" });
    await git.raw([...config, "commit", "--quiet", "-m", plan.message]);
    committed = true;
  }
  const commit = (await git.revparse(["HEAD"])).trim();
  emit({
    type: "log",
    line: committed
      ? `Committed ${commit.slice(0, 12)} on ${branch}`
      : `Nothing changed since the last export; HEAD stays ${commit.slice(0, 12)}`,
  });

  const result: ExportResult = {
    target: to,
    branch,
    commit,
    committed,
    changes: plan.changes,
    artifacts: plan.artifacts,
    pushed: false,
    remoteUrl,
  };
  if (!input.push) return result;
  emit({ type: "step", step: "push", message: `Pushing ${branch} to ${remoteUrl}` });
  try {
    let lastStage = "";
    const pushing = deps.gitIn(to, signal, ({ stage, progress }) => {
      // One line per stage and every 25 %, not one per percent.
      if (stage !== lastStage || progress % 25 === 0) emit({ type: "log", line: `push: ${stage} ${progress}%` });
      lastStage = stage;
    });
    await pushing.push("origin", branch, ["--set-upstream"]);
    return { ...result, pushed: true };
  } catch (err) {
    if (signal.aborted) throw new StagemakerError("cancelled", `Push cancelled; the commit ${commit.slice(0, 12)} is in ${to}.`);
    const message = ((err as Error).message ?? String(err)).trim().split("\n").slice(-3).join(" ");
    return { ...result, pushError: `${message} The commit is in ${to}; push it with git push -u origin ${branch}.` };
  }
}

async function hasIdentity(git: SimpleGit): Promise<boolean> {
  const name = await git.raw(["config", "user.name"]).catch(() => "");
  const email = await git.raw(["config", "user.email"]).catch(() => "");
  return Boolean(name.trim() && email.trim());
}
