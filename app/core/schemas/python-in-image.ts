// Runs `python -m tools.schema --report` where the project's Python lives: exec in the running dev container, or a throwaway container from the image.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { findProjectContainers, LABEL_DEV_MODE } from "../containers/labels";
import { runToEnd } from "../containers/start-container";
import { schemaCommand } from "./schema-command";
import { reportFromSession } from "./schema-session";

const COMMAND = schemaCommand("--report");

export interface PythonAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Collects an attached/exec stream's stdout and stderr (the engine multiplexes them). */
async function collect(docker: Docker, stream: NodeJS.ReadableStream): Promise<{ stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  err.on("data", (c: Buffer) => errChunks.push(c));
  docker.modem.demuxStream(stream, out, err);
  await new Promise<void>((resolve) => {
    stream.on("end", () => resolve());
    stream.on("close", () => resolve());
    stream.on("error", () => resolve());
  });
  return { stdout: Buffer.concat(chunks).toString("utf8"), stderr: Buffer.concat(errChunks).toString("utf8") };
}

/**
 * In the running dev-mode container model/ is the project's own folder (mounted), so what Python
 * reports there is current the moment a file is saved. Undefined when there is no such container
 * or its image predates the schema reader (server/schema.py, now tools/schema.py).
 */
export async function reportFromDevContainer(docker: Docker, projectDir: string, imageId?: string): Promise<PythonAnswer | undefined> {
  const [latest] = await findProjectContainers(docker, projectDir);
  if (!latest || latest.State !== "running" || latest.Labels[LABEL_DEV_MODE] !== "true") return undefined;
  if (imageId && latest.ImageID !== imageId) return undefined;
  // Fast path: the container's long-lived schema process (images from before --serve fall through).
  const line = await reportFromSession(docker, latest.Id);
  if (line !== undefined && (line.includes('"sources"') || line.startsWith('{"error"')))
    return { stdout: line, stderr: "", exitCode: /^\{"error"/.test(line) ? 1 : 0 };
  const exec = await docker
    .getContainer(latest.Id)
    .exec({ Cmd: COMMAND, AttachStdout: true, AttachStderr: true, WorkingDir: "/opt/program" });
  const stream = await exec.start({ hijack: true, stdin: false });
  const { stdout, stderr } = await collect(docker, stream);
  const { ExitCode } = await exec.inspect();
  if (/No module named ['"]?(server|tools)\.schema/.test(stderr)) return undefined;
  return { stdout, stderr, exitCode: ExitCode ?? 1 };
}

/**
 * A throwaway container from the built image with the project's current model/, server/ and tools/ mounted
 * read-only: the image's Python and pydantic, today's files. No network, removed afterwards.
 */
export async function reportFromImage(docker: Docker, projectDir: string, image: string, signal?: AbortSignal): Promise<PythonAnswer> {
  try {
    return await runToEnd(
      docker,
      {
        kind: "schemas",
        image,
        project: { dir: projectDir },
        entrypoint: COMMAND,
        cmd: [],
        workingDir: "/opt/program",
        labels: { "com.stagemaker.purpose": "schemas" },
        mounts: [
          { Type: "bind", Source: join(projectDir, "model"), Target: "/opt/program/model", ReadOnly: true },
          { Type: "bind", Source: join(projectDir, "server"), Target: "/opt/program/server", ReadOnly: true },
          // Projects made before the template's tools/ existed have none to mount.
          ...((await stat(join(projectDir, "tools")).catch(() => null))
            ? [{ Type: "bind" as const, Source: join(projectDir, "tools"), Target: "/opt/program/tools", ReadOnly: true }]
            : []),
        ],
      },
      { signal, what: "Reading the schemas" },
    );
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404)
      throw new StagemakerError(
        "not-found",
        `The image ${image} does not exist. Build the project first: the schemas are read by Python inside it.`,
      );
    throw e;
  }
}
