import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { RecentProject } from "../../contract";
import { writeFileAtomic } from "./atomic-write";
import { mkdir } from "node:fs/promises";
import { MANIFEST_FILE } from "./project-layout";

const MAX_RECENT = 20;
const RecentFile = z.array(RecentProject);

/** The recently opened projects, newest first, kept in the app's state folder. */
export class RecentProjects {
  constructor(private readonly stateDir: string) {}

  private get file() {
    return join(this.stateDir, "recent-projects.json");
  }

  async list(): Promise<RecentProject[]> {
    const all = await this.read();
    const present = await Promise.all(
      all.map((p) =>
        stat(join(p.dir, MANIFEST_FILE)).then(
          () => true,
          () => false,
        ),
      ),
    );
    return all.filter((_, i) => present[i]);
  }

  async touch(dir: string, name: string, now = new Date()): Promise<void> {
    const rest = (await this.read()).filter((p) => p.dir !== dir);
    await mkdir(this.stateDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify([{ dir, name, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT), null, 2));
  }

  private async read(): Promise<RecentProject[]> {
    try {
      const parsed = RecentFile.safeParse(JSON.parse(await readFile(this.file, "utf8")));
      return parsed.success ? parsed.data : []; // a damaged list is not worth a crash
    } catch {
      return [];
    }
  }
}
