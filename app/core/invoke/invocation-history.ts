import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HistoryEntry } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { PROJECT_STATE_DIR } from "../projects/project-layout";

const MAX_ENTRIES = 100;
/** Bodies stored in history are shortened so the file stays small. */
const STORED_BODY_CHARS = 64 * 1024;

/**
 * The project's invocations, newest first, in .stagemaker/invocations.json. Kept in memory once
 * read; writes are coalesced in the background so an invocation never waits on the disk.
 */
export class InvocationHistory {
  private entries?: Promise<HistoryEntry[]>;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly projectDir: string) {}

  private get file() {
    return join(this.projectDir, PROJECT_STATE_DIR, "invocations.json");
  }

  list(): Promise<HistoryEntry[]> {
    this.entries ??= readFile(this.file, "utf8").then(
      (text) => {
        const parsed = z.array(HistoryEntry).safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : [];
      },
      () => [],
    );
    return this.entries.then((all) => [...all]);
  }

  async add(entry: Omit<HistoryEntry, "id" | "at">, now = new Date()): Promise<HistoryEntry> {
    const full: HistoryEntry = {
      id: randomUUID(),
      at: now.toISOString(),
      request: { ...entry.request, body: entry.request.body.slice(0, STORED_BODY_CHARS) },
      result: { ...entry.result, body: entry.result.body.slice(0, STORED_BODY_CHARS) },
    };
    await this.list();
    const all = await this.entries!;
    all.unshift(full);
    all.splice(MAX_ENTRIES);
    this.scheduleWrite();
    return full;
  }

  /** Resolves when everything added so far is on disk. */
  async flush(): Promise<void> {
    while (this.dirty) await this.writing;
    await this.writing;
  }

  private scheduleWrite() {
    if (this.dirty) return; // the pending write will pick up this entry too
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      const all = await this.entries!;
      await mkdir(join(this.projectDir, PROJECT_STATE_DIR), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(all)).catch(() => undefined); // history is best effort
    });
  }
}
