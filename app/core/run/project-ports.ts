// The host port of each project's running container, remembered so invoking does not ask the engine every time.
import type { ContainerState } from "../../contract";
import type { EngineAccess } from "../engine/engine-access";
import { findProjectContainers, hostPortOf } from "../containers/labels";

export class ProjectPorts {
  private readonly ports = new Map<string, number>();

  constructor(private readonly engine: EngineAccess) {}

  /** Keeps the port of a container that is still there (a failed one answers 503 with why); a stopped one forgets it. */
  remember(projectDir: string, state: ContainerState): ContainerState {
    if (state.state !== "stopped" && state.hostPort) this.ports.set(projectDir, state.hostPort);
    else this.ports.delete(projectDir);
    return state;
  }

  forget(projectDir: string): void {
    this.ports.delete(projectDir);
  }

  /** The remembered port, or the running container's as the engine reports it (after an app restart). */
  async portOf(projectDir: string): Promise<number | undefined> {
    const cached = this.ports.get(projectDir);
    if (cached) return cached;
    const { docker } = this.engine;
    const [latest] = await this.engine.use(() => findProjectContainers(docker, projectDir));
    if (!latest || latest.State !== "running") return undefined;
    const port = hostPortOf(await docker.getContainer(latest.Id).inspect());
    if (port) this.ports.set(projectDir, port);
    return port;
  }

  /** True when `port` is still what we believe; a refused connection then means a stale belief. */
  isCurrent(projectDir: string, port: number): boolean {
    return this.ports.get(projectDir) === port;
  }
}
