// The one way the app creates a container: labels, the kind's hardening profile, and a record in
// this session's list so quitting stops it. Every place that starts a container comes here.
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { type ContainerKind, hardening } from "./container-profile";
import { LABEL_FOLDER, LABEL_KIND, LABEL_MANAGED, LABEL_PROJECT_ID, LABEL_SESSION } from "./labels";
import { startedContainers } from "./started-containers";

export interface ContainerSpec {
  kind: ContainerKind;
  image: string;
  /** The project folder (and id) the container works for: written as labels. */
  project?: { dir: string; id?: string };
  cmd?: string[];
  entrypoint?: string[];
  env?: string[];
  workingDir?: string;
  user?: string;
  name?: string;
  labels?: Record<string, string>;
  /** A container port published on 127.0.0.1 (hostPort empty or 0: a free one, picked by the engine). */
  publish?: { port: number; hostPort?: number };
  mounts?: Docker.MountSettings[];
  /** Overrides the profile's memory bound (the instance's memory, a check's chosen limit). */
  memoryMb?: number;
  /** tini as PID 1 for images without one (the tools container's `sleep`). */
  init?: boolean;
  /** A server or pipeline the person started: may outlive the app (see started-containers.ts). */
  lasting?: boolean;
  /**
   * The one capability a server may get back: reading mounted host files that are neither root's
   * nor readable by everyone (host-files.ts decides; the mounts are read-only).
   */
  readOverride?: boolean;
  stopTimeout?: number;
}

export async function newContainer(docker: Docker, spec: ContainerSpec): Promise<Docker.Container> {
  const started = startedContainers(docker);
  const port = spec.publish ? `${spec.publish.port}/tcp` : undefined;
  const container = await docker.createContainer({
    name: spec.name,
    Image: spec.image,
    ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
    ...(spec.cmd ? { Cmd: spec.cmd } : {}),
    Env: spec.env ?? [],
    WorkingDir: spec.workingDir,
    User: spec.user,
    Labels: {
      [LABEL_MANAGED]: "true",
      [LABEL_KIND]: spec.kind,
      [LABEL_SESSION]: started.session,
      ...(spec.project ? { [LABEL_FOLDER]: spec.project.dir, ...(spec.project.id ? { [LABEL_PROJECT_ID]: spec.project.id } : {}) } : {}),
      ...spec.labels,
    },
    ...(port ? { ExposedPorts: { [port]: {} } } : {}),
    HostConfig: {
      ...hardening(spec.kind, spec.memoryMb),
      ...(spec.readOverride ? { CapAdd: ["DAC_OVERRIDE"] } : {}),
      // Loopback only: whoever reaches the port can run the model.
      ...(port
        ? { PortBindings: { [port]: [{ HostIp: "127.0.0.1", HostPort: spec.publish?.hostPort ? String(spec.publish.hostPort) : "" }] } }
        : {}),
      Mounts: spec.mounts ?? [],
      ...(spec.init ? { Init: true } : {}),
    },
    StopTimeout: spec.stopTimeout ?? 30,
  });
  started.add(container.id, { kind: spec.kind, lasting: Boolean(spec.lasting) });
  return container;
}

/** Removes a container this session started and forgets it (404 and 409 are fine: already going). */
export async function removeStarted(docker: Docker, container: Docker.Container): Promise<void> {
  await container.remove({ force: true }).catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
  });
  startedContainers(docker).forget(container.id);
}

export interface RunToEnd {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * A container that runs one command and ends (introspection, schemas): its output collected, stopped on
 * cancel or after `timeoutMs`, removed in every case.
 */
export async function runToEnd(
  docker: Docker,
  spec: ContainerSpec,
  { signal, timeoutMs, what }: { signal?: AbortSignal; timeoutMs?: number; what: string },
): Promise<RunToEnd> {
  const container = await newContainer(docker, spec);
  const stop = () => void container.kill().catch(() => undefined);
  const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    docker.modem.demuxStream(
      stream,
      new PassThrough().on("data", (b: Buffer) => out.push(b)),
      new PassThrough().on("data", (b: Buffer) => err.push(b)),
    );
    const ended = new Promise<void>((resolve) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", () => resolve());
    });
    signal?.addEventListener("abort", stop, { once: true });
    timeout?.addEventListener("abort", stop, { once: true });
    if (signal?.aborted) throw new StagemakerError("cancelled", `${what} was cancelled.`);
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    await ended;
    if (signal?.aborted) throw new StagemakerError("cancelled", `${what} was cancelled.`);
    if (timeout?.aborted)
      throw new StagemakerError("run-failed", `${what} took longer than ${Math.round((timeoutMs ?? 0) / 1000)} s; it was stopped.`);
    return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), exitCode: StatusCode };
  } finally {
    signal?.removeEventListener("abort", stop);
    timeout?.removeEventListener("abort", stop);
    await removeStarted(docker, container).catch(() => undefined);
  }
}
