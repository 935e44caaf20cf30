// A load test of the project's running container: steps stream in as they finish, a live rate
// while one runs, cancel from any screen; the saved runs (newest first) for the history and comparison.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { InputOf, LoadEvent, LoadReport, LoadStep } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import type { StreamHandle } from "../../api/client";
import { errorCode, errorText } from "../../api/error-text";
import { eventBatch } from "../../api/event-batch";
import { useStreamState } from "../../api/use-stream-state";

export interface LoadView {
  phase: "idle" | "running" | "done" | "error";
  message?: string;
  /** The step running now and its live figures. */
  current?: { index: number; of: number; concurrency: number; elapsedMs: number; requestsPerSecond: number };
  steps: LoadStep[];
  report?: LoadReport;
  error?: string;
}

const idle: LoadView = { phase: "idle", steps: [] };
const running = new Map<string, StreamHandle<LoadReport>>();
const runsKey = (project: string) => ["load-runs", project] as const;

function apply(v: LoadView, e: LoadEvent): LoadView {
  switch (e.type) {
    case "starting":
      return { ...v, message: e.message };
    case "step-started":
      return { ...v, current: { index: e.index, of: e.of, concurrency: e.concurrency, elapsedMs: 0, requestsPerSecond: 0 } };
    case "tick":
      return v.current ? { ...v, current: { ...v.current, elapsedMs: e.elapsedMs, requestsPerSecond: e.requestsPerSecond } } : v;
    case "step":
      return { ...v, steps: [...v.steps, e.step] };
  }
}

export function useLoad(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const key = useMemo(() => ["load", project] as const, [project]);
  const [view, update] = useStreamState<LoadView>(key, idle);
  const runs = useQuery({ queryKey: runsKey(project), queryFn: () => api.call("load.runs", { project }) });

  const start = useCallback(
    async (input: Omit<InputOf<"load.run">, "project">) => {
      if (running.has(project)) return;
      update(() => ({ phase: "running", steps: [], message: "Starting…" }));
      const batch = eventBatch<LoadEvent>((events) => update((v) => events.reduce(apply, v)));
      const handle = api.stream("load.run", { project, ...input }, batch.push);
      running.set(project, handle);
      try {
        const report = await handle.result;
        batch.flush();
        update(() => ({ phase: "done", steps: report.steps, report }));
      } catch (err) {
        batch.flush();
        const cancelled = errorCode(err) === "cancelled";
        update((v) => ({
          ...v,
          phase: cancelled ? "done" : "error",
          current: undefined,
          error: cancelled ? "Cancelled: the steps done so far are shown and saved, marked cancelled." : errorText(err),
        }));
      } finally {
        running.delete(project);
        await qc.invalidateQueries({ queryKey: runsKey(project) });
      }
    },
    [api, project, update, qc],
  );
  const cancel = useCallback(() => running.get(project)?.cancel(), [project]);
  return { view, runs: runs.data ?? [], start, cancel };
}
