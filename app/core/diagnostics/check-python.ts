// Checks a project's model/ files: the tools image and container made ready once, then one exec per check.
import type Docker from "dockerode";
import { z } from "zod";
import { type DiagnosticsResult, Problem, StagemakerError } from "../../contract";
import { ensureToolsImage, type ToolsImageSources } from "./tools-image";
import { ensureToolsContainer, execIn, removeToolsContainer } from "./tools-container";

const ScriptOutput = z.object({ parses: z.boolean(), tools: z.array(z.string()), problems: z.array(Problem) });

// The project's copy when it has one (tools/, or server/ in projects made before tools/ existed), else the image's.
const RUN_SCRIPT = [
  'if [ -f tools/diagnostics.py ]; then exec python -m tools.diagnostics "$@"',
  'elif [ -f server/diagnostics.py ]; then exec python -m server.diagnostics "$@"',
  'else exec python /opt/stagemaker/diagnostics.py "$@"; fi',
].join("; ");

/** Keeps each project's ready container (a promise, so concurrent first checks share one start). */
export class ToolsContainers {
  private readonly ready = new Map<string, Promise<Docker.Container>>();

  get(docker: Docker, src: ToolsImageSources): Promise<Docker.Container> {
    let p = this.ready.get(src.projectDir);
    if (!p) {
      p = ensureToolsImage(docker, src).then((image) => ensureToolsContainer(docker, src.projectDir, image));
      this.ready.set(src.projectDir, p);
      p.catch(() => this.ready.delete(src.projectDir));
    }
    return p;
  }

  forget(projectDir: string): void {
    this.ready.delete(projectDir);
  }

  /** When the app (or a CLI command) ends: the containers it started go with it, none is left running. */
  async removeAll(docker: Docker): Promise<void> {
    const dirs = [...this.ready.keys()];
    this.ready.clear();
    await Promise.all(dirs.map((dir) => removeToolsContainer(docker, dir).catch(() => undefined)));
  }
}

/** A draft travels as an environment variable of the exec: the project folder is mounted read-only. */
export interface Draft {
  path: string;
  content: string;
}

export async function checkPython(
  docker: Docker,
  containers: ToolsContainers,
  src: ToolsImageSources,
  paths: string[],
  draft?: Draft,
): Promise<DiagnosticsResult> {
  const started = Date.now();
  const env = draft ? [`STAGEMAKER_DRAFT_PATH=${draft.path}`, `STAGEMAKER_DRAFT=${draft.content}`] : [];
  let result = await execOnce(docker, containers, src, paths, env).catch(async (err: unknown) => {
    // The container may have been removed or stopped since: start a fresh one once.
    containers.forget(src.projectDir);
    if (err instanceof StagemakerError) throw err;
    return execOnce(docker, containers, src, paths, env);
  });
  result = { ...result, problems: result.problems.map((p) => ({ ...p, path: p.path.replace(/^\.\//, "") })) };
  return { ...result, elapsedMs: Date.now() - started };
}

async function execOnce(docker: Docker, containers: ToolsContainers, src: ToolsImageSources, paths: string[], env: string[]) {
  const container = await containers.get(docker, src);
  const { stdout, stderr, exitCode } = await execIn(docker, container, ["sh", "-c", RUN_SCRIPT, "diagnostics", ...paths], env);
  const last = stdout.trim().split("\n").pop() ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new StagemakerError(
      "internal",
      `The Python check did not answer (exit ${exitCode}): ${stderr.trim().split("\n").slice(-5).join("\n") || stdout.slice(-500)}`,
    );
  }
  return ScriptOutput.parse(parsed);
}
