// A batch transform job of the project (or pipeline): its settings, streamed progress, result and cancel.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import type {
  InputOf,
  TransformEvent,
  TransformFailure,
  TransformProgress,
  TransformResult,
  TransformSettings,
} from "../../../app/contract";
import { useApi } from "../../api/api-context";
import type { StreamHandle } from "../../api/client";
import { errorCode, errorText } from "../../api/error-text";
import { eventBatch } from "../../api/event-batch";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export interface TransformView {
  phase: "idle" | "running" | "done" | "error";
  message?: string;
  settings?: TransformSettings;
  progress?: TransformProgress;
  failures: TransformFailure[];
  result?: TransformResult;
  error?: string;
}

const idle: TransformView = { phase: "idle", failures: [] };
/** Handles outside React so Cancel works from any screen while the job runs. */
const running = new Map<string, StreamHandle<TransformResult>>();

export function useTransform(target: string) {
  const api = useApi();
  const key = useMemo(() => keys.transform(target), [target]);
  const [view, update] = useStreamState<TransformView>(key, idle);
  // The last result survives a restart (saved in the folder's .stagemaker/).
  const last = useQuery({ queryKey: [...key, "last"], queryFn: () => api.call("transform.last", { target }) });
  useEffect(() => {
    const r = last.data;
    if (r)
      update((v) =>
        v.phase === "idle" ? { phase: "done", result: r, progress: r.progress, failures: r.failures, settings: r.settings } : v,
      );
  }, [last.data, update]);

  const start = useCallback(
    async (job: Omit<InputOf<"transform.run">, "target">) => {
      if (running.has(target)) return;
      update(() => ({ phase: "running", failures: [], message: "Starting…" }));
      const batch = eventBatch<TransformEvent>((events) =>
        update((v) =>
          events.reduce<TransformView>((acc, e) => {
            if (e.type === "starting") return { ...acc, message: e.message };
            if (e.type === "settings") return { ...acc, settings: e.settings, message: undefined };
            if (e.type === "progress") return { ...acc, progress: e.progress };
            if (e.type === "failure") return { ...acc, failures: [...acc.failures, e.failure] };
            return acc;
          }, v),
        ),
      );
      const handle = api.stream("transform.run", { target, ...job }, batch.push);
      running.set(target, handle);
      try {
        const result = await handle.result;
        batch.flush();
        update((v) => ({ ...v, phase: "done", result, progress: result.progress, failures: result.failures, message: undefined }));
      } catch (err) {
        batch.flush();
        update((v) => ({
          ...v,
          phase: errorCode(err) === "cancelled" ? "done" : "error",
          error: errorCode(err) === "cancelled" ? "Cancelled: no .out was written for the file in progress." : errorText(err),
        }));
      } finally {
        running.delete(target);
      }
    },
    [api, target, update],
  );
  const cancel = useCallback(() => running.get(target)?.cancel(), [target]);
  return { view, start, cancel };
}
