import stripAnsi from "strip-ansi";
import type { BuildEvent, BuildFailure } from "../../contract";

/** One JSON message of the engine's build stream (classic builder). */
export interface EngineBuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/**
 * Turns the engine's text stream into structured events: step n of m, cache hits, per-step
 * durations, output lines and, on failure, which step broke with its last lines.
 */
export class BuildProgress {
  private current?: { index: number; instruction: string; startedAt: number; cached: boolean };
  private closed = new Set<number>();
  private tail: string[] = [];
  private partial = "";
  steps = 0;
  cachedSteps = 0;
  imageId?: string;
  failure?: BuildFailure;

  /**
   * `labelSteps`: how many labels the build was given; the classic builder appends one LABEL step
   * for each, left out of "step n of m" so the count matches the Dockerfile the person reads.
   */
  constructor(
    private readonly emit: (e: BuildEvent) => void,
    private readonly now: () => number = Date.now,
    private readonly labelSteps = 0,
  ) {}

  push(msg: EngineBuildMessage): void {
    if (msg.aux?.ID) this.imageId = msg.aux.ID;
    if (msg.stream) this.text(msg.stream);
    if (msg.status) this.line(msg.status);
    if (msg.error || msg.errorDetail) {
      this.flush();
      const message = (msg.errorDetail?.message ?? msg.error ?? "build failed").trim();
      this.failure = { step: this.current?.index, instruction: this.current?.instruction, message, lastLines: this.tail.slice(-30) };
    }
  }

  /** Call when the stream ended: closes the last step. */
  end(): void {
    this.flush();
    if (!this.failure) this.closeStep();
  }

  private text(chunk: string) {
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    for (const l of lines) this.line(l);
  }

  private flush() {
    if (this.partial) this.line(this.partial);
    this.partial = "";
  }

  private line(raw: string) {
    // pip and apt colour their output even without a TTY; no face wants the escape codes.
    const line = stripAnsi(raw).replace(/\r$/, "");
    if (!line.trim()) return;
    const step = STEP.exec(line);
    if (step) {
      this.closeStep();
      const index = Number(step[1]);
      this.steps = Number(step[2]) - this.labelSteps;
      if (index > this.steps) {
        this.current = undefined; // an appended LABEL step
        return;
      }
      this.current = { index, instruction: step[3] ?? "", startedAt: this.now(), cached: false };
      this.emit({ type: "step", index, total: this.steps, instruction: this.current.instruction });
      return;
    }
    if (this.current && line.trim() === "---> Using cache") this.current.cached = true;
    const id = /^Successfully built ([0-9a-f]+)/.exec(line);
    if (id && !this.imageId) this.imageId = id[1];
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.splice(0, this.tail.length - 200);
    this.emit({ type: "log", line });
  }

  private closeStep() {
    const c = this.current;
    if (!c || this.closed.has(c.index)) return;
    this.closed.add(c.index);
    if (c.cached) this.cachedSteps++;
    this.emit({ type: "step-done", index: c.index, cached: c.cached, durationMs: this.now() - c.startedAt });
  }
}
