import type { BuildEvent, BuildFailure, BuildResult } from "../../app/contract";

import { ApiError } from "../api/client";
export interface StepView {
  index: number;
  total: number;
  instruction: string;
  done: boolean;
  cached?: boolean;
  durationMs?: number;
}

export interface LogEntry {
  text: string;
  /** The step that printed it, so the failing step's output can be highlighted. */
  step?: number;
}

export interface BuildView {
  phase: "idle" | "building" | "done" | "failed" | "cancelled";
  startedAt?: number;
  context?: { bytes: number; files: number };
  steps: StepView[];
  current?: number;
  log: LogEntry[];
  result?: BuildResult;
  failure?: BuildFailure;
}

export const MAX_LOG_LINES = 5000;
export const idleBuild: BuildView = { phase: "idle", steps: [], log: [] };

export function startBuild(now: number): BuildView {
  return { phase: "building", startedAt: now, steps: [], log: [] };
}

/** Fold one streamed event into what the build screen shows. */
export function applyBuildEvent(view: BuildView, e: BuildEvent): BuildView {
  switch (e.type) {
    case "context":
      return { ...view, context: { bytes: e.bytes, files: e.files } };
    case "step": {
      const steps = view.steps.filter((s) => s.index !== e.index);
      steps.push({ index: e.index, total: e.total, instruction: e.instruction, done: false });
      steps.sort((a, b) => a.index - b.index);
      return {
        ...view,
        steps,
        current: e.index,
        log: capped([...view.log, { text: `Step ${e.index}/${e.total} : ${e.instruction}`, step: e.index }]),
      };
    }
    case "step-done":
      return {
        ...view,
        steps: view.steps.map((s) => (s.index === e.index ? { ...s, done: true, cached: e.cached, durationMs: e.durationMs } : s)),
      };
    case "log":
      return { ...view, log: capped([...view.log, { text: e.line, step: view.current }]) };
  }
}

export function finishBuild(view: BuildView, result: BuildResult): BuildView {
  return { ...view, phase: "done", result, steps: view.steps.map((s) => ({ ...s, done: true })) };
}

export function failBuild(view: BuildView, failure: BuildFailure, cancelled: boolean): BuildView {
  return { ...view, phase: cancelled ? "cancelled" : "failed", failure };
}

/** The BuildFailure the core attaches to build-failed (parsed by the transport); any other error keeps its message. */
export function buildFailureOf(err: unknown, message: string): BuildFailure {
  const failure = err instanceof ApiError ? err.detailOf("build-failed") : undefined;
  return failure ?? { message, lastLines: [] };
}

function capped(log: LogEntry[]): LogEntry[] {
  return log.length > MAX_LOG_LINES ? log.slice(log.length - MAX_LOG_LINES) : log;
}
