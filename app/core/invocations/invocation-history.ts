import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HistoryEntry } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";

const MAX_ENTRIES = 100;
/** Bodies stored in history are shortened so the file stays small. */
const STORED_BODY_CHARS = 64 * 1024;

/** The project's invocations, newest first, in .stagemaker/invocations.json. */
export class InvocationHistory {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly projectDir: string) {}

  private get file() {
    return join(this.projectDir, ".stagemaker", "invocations.json");
  }

  async list(): Promise<HistoryEntry[]> {
    try {
      const parsed = z.array(HistoryEntry).safeParse(JSON.parse(await readFile(this.file, "utf8")));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  /** Appends; writes are queued so two invocations at once do not lose one another. */
  add(entry: Omit<HistoryEntry, "id" | "at">, now = new Date()): Promise<HistoryEntry> {
    const full: HistoryEntry = {
      id: randomUUID(),
      at: now.toISOString(),
      request: { ...entry.request, body: entry.request.body.slice(0, STORED_BODY_CHARS) },
      result: { ...entry.result, body: entry.result.body.slice(0, STORED_BODY_CHARS) },
    };
    const next = this.queue.then(async () => {
      const all = [full, ...(await this.list())].slice(0, MAX_ENTRIES);
      await mkdir(join(this.projectDir, ".stagemaker"), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(all));
      return full;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
