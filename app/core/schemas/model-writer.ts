// Model files from a field table, written by Python (server-template/tools/model_writer.py, the one pydantic writer):
// a long-lived session in the project's tools container answers one JSON line per table.
import type Docker from "dockerode";
import { z } from "zod";
import { type ModelCode, type ModelFileSpec, type SchemaKind, StagemakerError } from "../../contract";
import type { ToolsContainers } from "../diagnostics/check-python";
import type { ToolsImageSources } from "../diagnostics/tools-image";
import { type LineSession, openLineSession } from "./line-session";

export const MODEL_PATHS: Record<SchemaKind, string> = { instance: "model/instance.py", prediction: "model/prediction.py" };

/**
 * The app's own copy of the writer, which the tools image holds under /opt/stagemaker/tools (its
 * cwd comes first on sys.path, before the project's tools/): the writer that knows this app's table.
 * Why this container: it exists before the first build (diagnostics use it), stays up while the
 * person edits, and a line to a running Python costs milliseconds: npm run bench:writer measured a
 * preview at p50 11 ms against 617 ms for a `docker exec` starting Python per preview (2 busy cores).
 */
const WRITER = { cmd: ["python", "-m", "tools.model_writer"], cwd: "/opt/stagemaker" };

const Answer = z.union([z.object({ path: z.string(), code: z.string() }), z.object({ error: z.string() })]);

export class ModelWriter {
  private readonly sessions = new Map<string, Promise<LineSession>>();

  constructor(private readonly containers: ToolsContainers) {}

  async write(docker: Docker, src: ToolsImageSources, which: SchemaKind, spec: ModelFileSpec): Promise<ModelCode> {
    const request = JSON.stringify({ which, spec });
    // A session whose container went away since (removed, engine restarted) is replaced once.
    const line = (await this.ask(docker, src, request)) ?? (this.containers.forget(src.projectDir), await this.ask(docker, src, request));
    if (line === undefined)
      throw new StagemakerError(
        "run-failed",
        `Python did not answer while writing ${MODEL_PATHS[which]} from the field table (its tools container stopped). Try again; if it keeps failing, restart the Docker engine.`,
      );
    const answer = Answer.parse(JSON.parse(line));
    if ("error" in answer)
      throw new StagemakerError(
        "invalid-input",
        `The field table cannot be written as ${MODEL_PATHS[which]}: ${answer.error}. Change that row and write again.`,
      );
    return answer;
  }

  private async ask(docker: Docker, src: ToolsImageSources, request: string): Promise<string | undefined> {
    const container = await this.containers.get(docker, src);
    let session = this.sessions.get(container.id);
    if (!session) {
      session = openLineSession(docker, container.id, WRITER.cmd, WRITER.cwd);
      this.sessions.set(container.id, session);
    }
    try {
      const s = await session;
      const line = await s.ask(request);
      if (line === undefined || s.ended) this.sessions.delete(container.id);
      return line;
    } catch {
      this.sessions.delete(container.id);
      return undefined;
    }
  }

  /** Ends every session (the app or CLI is closing). */
  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of await Promise.allSettled(all)) if (s.status === "fulfilled") s.value.close();
  }
}
