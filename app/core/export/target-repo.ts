// The target folder as git sees it, and the reasons an export must not touch it. Uses the system
// git through simple-git, so the user's credential helpers, SSH agent and config apply.
import { readdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { CheckRepoActions, type SimpleGit, type SimpleGitProgressEvent, simpleGit } from "simple-git";
import { StagemakerError } from "../../contract";

export interface TargetState {
  dir: string;
  exists: boolean;
  isRepository: boolean;
  empty: boolean;
  branch?: string;
  head?: string;
  originUrl?: string;
}

/** git in a folder, cancellable, optionally reporting progress. */
export type GitIn = (dir: string, signal?: AbortSignal, onProgress?: (event: SimpleGitProgressEvent) => void) => SimpleGit;

/**
 * git with the environment the face passes (the user's own: credential helpers, SSH agent,
 * ~/.ssh/config and HOME apply); the face adds GIT_TERMINAL_PROMPT=0 so a missing credential fails
 * with git's message instead of waiting on a terminal nobody sees.
 */
export function gitRunner(environment?: NodeJS.ProcessEnv): GitIn {
  return (dir, signal, onProgress) => {
    const git = simpleGit({
      baseDir: dir,
      abort: signal,
      config: ["core.quotePath=false"],
      progress: onProgress,
      // simple-git drops or refuses GIT_* and program-running variables unless listed: these are
      // the user's own (GIT_SSH_COMMAND, GIT_ASKPASS, GIT_SSL_CAINFO…), so all of them pass.
      allowEnvironment: environment && Object.keys(environment),
      unsafe: environment && TRUSTED_ENVIRONMENT,
    });
    return environment ? git.env(environment) : git;
  };
}

/**
 * The categories simple-git checks environment variables against (GIT_SSH_COMMAND, GIT_ASKPASS,
 * EDITOR…): the environment is the user's own, as their shell gives it to git. Arguments stay
 * guarded (allowUnsafePack is not here: no --upload-pack smuggled in as a remote URL).
 */
const TRUSTED_ENVIRONMENT = {
  allowUnsafeEditor: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeExec: true,
  allowUnsafeDiffExternal: true,
  allowUnsafePager: true,
  allowUnsafeGitProxy: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeSshCommand: true,
};

export async function inspectTarget(gitIn: GitIn, dir: string, signal?: AbortSignal): Promise<TargetState> {
  const info = await stat(dir).catch(() => null);
  if (!info) return { dir, exists: false, isRepository: false, empty: true };
  if (!info.isDirectory()) throw new StagemakerError("conflict", `${dir} is a file, not a folder. Choose a folder for the repository.`);
  const empty = (await readdir(dir)).length === 0;
  const git = gitIn(dir, signal);
  const isRepository = await git.checkIsRepo(CheckRepoActions.IS_REPO_ROOT).catch(notInstalled);
  if (!isRepository) return { dir, exists: true, isRepository, empty };
  const branch = (await git.raw(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "")).trim() || undefined;
  const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "")).trim() || undefined;
  const originUrl = (await git.raw(["config", "--get", "remote.origin.url"]).catch(() => "")).trim() || undefined;
  return { dir, exists: true, isRepository, empty, branch, head, originUrl };
}

function notInstalled(err: unknown): never {
  const message = (err as Error).message ?? String(err);
  if (/ENOENT|not found|spawn git/i.test(message))
    throw new StagemakerError("not-found", "git is not installed (or not on PATH). Install git and export again.");
  throw err;
}

export interface RefusalInput {
  gitIn: GitIn;
  target: TargetState;
  branch: string;
  remoteUrl?: string;
  push: boolean;
  signal?: AbortSignal;
}

/** Why this export must not go ahead, or undefined; reads the remote but writes nothing. */
export async function refusal({ gitIn, target, branch, remoteUrl, push, signal }: RefusalInput): Promise<string | undefined> {
  if (!target.exists || (!target.isRepository && target.empty)) {
    if (push && !remoteUrl) return "Push was asked for but no remote URL was given.";
    return remoteUrl ? remoteHasHistory(gitIn, target.dir, remoteUrl, branch, signal) : undefined;
  }
  if (!target.isRepository)
    return `${target.dir} is a folder with files but not a git repository. Choose an empty or new folder, or a clone of the repository to export into.`;
  const git = gitIn(target.dir, signal);
  const status = await git.status(["--untracked-files=all"]);
  if (!status.isClean()) {
    const sample = status.files
      .slice(0, 5)
      .map((f) => f.path)
      .join(", ");
    return `${target.dir} has uncommitted or untracked changes (${status.files.length}: ${sample}${status.files.length > 5 ? ", ..." : ""}). Commit or stash them first; export never touches your work.`;
  }
  if (target.branch !== branch)
    return `${target.dir} is on branch ${target.branch ?? "(detached HEAD)"}, not ${branch}. Switch to ${branch} (git switch ${branch}) or choose ${target.branch ?? "a branch"} in the export.`;
  if (remoteUrl && target.originUrl && target.originUrl !== remoteUrl)
    return `The target's origin is ${target.originUrl}, not ${remoteUrl}. Change it there (git remote set-url origin ...) or export with the same remote.`;
  const url = remoteUrl ?? target.originUrl;
  if (push && !url) return "Push was asked for but the target has no origin and no remote URL was given.";
  if (!url) return undefined;
  const remoteHead = await lsRemote(gitIn, target.dir, url, branch, signal);
  if (typeof remoteHead !== "string") return push ? remoteHead.error : undefined;
  if (!remoteHead) return undefined; // the branch does not exist there yet
  if (!target.head)
    return `The remote already has a ${branch} branch but the target has no commits. Clone the remote into an empty folder and export there.`;
  const known = await git.raw(["cat-file", "-e", `${remoteHead}^{commit}`]).then(
    () => true,
    () => false,
  );
  const behind =
    !known ||
    !(await git.raw(["merge-base", "--is-ancestor", remoteHead, "HEAD"]).then(
      () => true,
      () => false,
    ));
  if (behind)
    return `${url} has commits on ${branch} that the target does not (it has diverged, or is behind). Pull them first (git pull in ${target.dir}); export never force-pushes.`;
  return undefined;
}

async function remoteHasHistory(gitIn: GitIn, dir: string, url: string, branch: string, signal?: AbortSignal): Promise<string | undefined> {
  // A target that does not exist yet: ask git from a folder that does.
  const head = await lsRemote(gitIn, await existingParent(dir), url, branch, signal);
  if (typeof head !== "string") return head.error;
  return head
    ? `${url} already has a ${branch} branch. Clone it into the target folder and export there, so its history is kept.`
    : undefined;
}

async function existingParent(dir: string): Promise<string> {
  let current = dir;
  while (
    !(await stat(current).then(
      (s) => s.isDirectory(),
      () => false,
    )) &&
    dirname(current) !== current
  )
    current = dirname(current);
  return current;
}

/** The remote branch's commit, "" when it has no such branch, or why it could not be reached. */
async function lsRemote(gitIn: GitIn, dir: string, url: string, branch: string, signal?: AbortSignal): Promise<string | { error: string }> {
  try {
    const out = await gitIn(dir, signal).listRemote([url, `refs/heads/${branch}`]);
    return out.trim().split(/\s+/)[0] ?? "";
  } catch (err) {
    return {
      error: `Could not reach ${url}: ${((err as Error).message ?? String(err)).trim().split("\n").slice(-2).join(" ")}. Check the URL and your git credentials (git ls-remote ${url}).`,
    };
  }
}
