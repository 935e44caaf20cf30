// One build per project at a time: a second one would race the first for the same tag.
import { StagemakerError } from "../../contract";

export class BuildLock {
  private readonly building = new Set<string>();

  async hold<T>(projectDir: string, work: () => Promise<T>): Promise<T> {
    if (this.building.has(projectDir))
      throw new StagemakerError("conflict", "A build of this project is already running; wait for it or cancel it.");
    this.building.add(projectDir);
    try {
      return await work();
    } finally {
      this.building.delete(projectDir);
    }
  }
}
