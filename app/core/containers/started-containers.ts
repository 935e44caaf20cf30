// The containers this app session started, so quitting can stop them (and only them).
import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import type { ContainerKind } from "./container-profile";
import { removeContainer } from "./stop-container";

/** Grace for a server at quit: long enough to finish a request, short enough not to hold the quit. */
const QUIT_GRACE_SECONDS = 10;

interface Started {
  kind: ContainerKind;
  /** A server or pipeline the person started: it may outlive the app when they asked for that. */
  lasting: boolean;
}

export class StartedContainers {
  /** Written on every container as com.stagemaker.session, so a person (or a test) can tell whose it is. */
  readonly session = randomBytes(6).toString("hex");
  private readonly containers = new Map<string, Started>();
  private readonly volumes = new Set<string>();

  add(id: string, started: Started): void {
    this.containers.set(id, started);
  }

  addVolume(name: string): void {
    this.volumes.add(name);
  }

  forget(id: string): void {
    this.containers.delete(id);
  }

  forgetVolume(name: string): void {
    this.volumes.delete(name);
  }

  /** Ids still tracked, with their kinds (tests, and what a quit will stop). */
  list(): Array<{ id: string } & Started> {
    return [...this.containers].map(([id, s]) => ({ id, ...s }));
  }

  /**
   * At quit: every transient container goes (checks, jobs, introspection, schemas, tools); servers and
   * pipelines too unless `keepServers` (the person's "keep running after quit", or a CLI `run`,
   * whose server is the command's result).
   */
  async stopAll(docker: Docker, { keepServers }: { keepServers: boolean }): Promise<void> {
    const going = this.list().filter((c) => !(c.lasting && keepServers));
    await Promise.all(
      going.map(async (c) => {
        await removeContainer(docker.getContainer(c.id), c.lasting ? QUIT_GRACE_SECONDS : 0).catch(() => undefined);
        this.containers.delete(c.id);
      }),
    );
    await Promise.all(
      [...this.volumes].map((v) =>
        docker
          .getVolume(v)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    this.volumes.clear();
  }
}

// One registry per engine client: each createServices opens its own client, so two services in
// one process (tests, the CLI's pipeline commands) never stop each other's containers.
const registries = new WeakMap<Docker, StartedContainers>();

export function startedContainers(docker: Docker): StartedContainers {
  let r = registries.get(docker);
  if (!r) registries.set(docker, (r = new StartedContainers()));
  return r;
}
