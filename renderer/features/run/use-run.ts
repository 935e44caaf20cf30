import { useCallback, useEffect, useMemo } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ContainerState as State } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { ApiError } from "../../api/client";
import { errorCode, errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export interface RunLog {
  lines: { stream: "stdout" | "stderr"; line: string }[];
  waiting?: { elapsedMs: number; limitMs: number; lastPing: string };
  busy?: "starting" | "stopping";
  error?: string;
}
const emptyLog: RunLog = { lines: [] };
const MAX_LINES = 3000;
const capped = <T,>(a: T[]) => (a.length > MAX_LINES ? a.slice(a.length - MAX_LINES) : a);

/** A failed run's error may carry the container state (exit code, last lines); keep what is there. */
function failedState(err: unknown): State {
  const d = (err instanceof ApiError ? err.detail : undefined) as Partial<Extract<State, { state: "failed" }>> | undefined;
  return {
    state: "failed",
    containerId: typeof d?.containerId === "string" ? d.containerId : undefined,
    exitCode: typeof d?.exitCode === "number" ? d.exitCode : null,
    reason: typeof d?.reason === "string" ? d.reason : errorText(err),
    lastLogs: Array.isArray(d?.lastLogs) ? d.lastLogs.filter((l): l is string => typeof l === "string") : [],
  };
}

/** The container's state, polled so changes made elsewhere (CLI, a crash) show up. */
export function useContainerState(project: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.container(project),
    queryFn: () => api.call("containers.status", { project }),
    refetchInterval: 4000,
  });
}

/** Run/stop/restart and the live log; mount once per project (it follows the container's log). */
export function useRun(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const status = useContainerState(project);
  const logKey = useMemo(() => keys.runLog(project), [project]);
  const [log, updateLog] = useStreamState<RunLog>(logKey, emptyLog);
  const setState = useCallback((s: State) => qc.setQueryData(keys.container(project), s), [qc, project]);

  const run = useCallback(async () => {
    updateLog(() => ({ lines: [], busy: "starting" }));
    const handle = api.stream("containers.run", { project }, (e) => {
      if (e.type === "created") setState({ state: "starting", containerId: e.containerId, hostPort: e.hostPort });
      else if (e.type === "waiting") updateLog((l) => ({ ...l, waiting: { elapsedMs: e.elapsedMs, limitMs: e.limitMs, lastPing: e.lastPing } }));
      else updateLog((l) => ({ ...l, lines: capped([...l.lines, { stream: e.stream, line: e.line }]) }));
    });
    try {
      setState(await handle.result);
      updateLog((l) => ({ ...l, busy: undefined, waiting: undefined }));
    } catch (err) {
      if (errorCode(err) === "engine-unreachable" || errorCode(err) === "not-found") {
        updateLog((l) => ({ ...l, busy: undefined, waiting: undefined, error: errorText(err) }));
        void qc.invalidateQueries({ queryKey: keys.container(project) });
      } else {
        setState(failedState(err));
        updateLog((l) => ({ ...l, busy: undefined, waiting: undefined }));
      }
    }
  }, [api, project, qc, setState, updateLog]);

  const stop = useCallback(async () => {
    updateLog((l) => ({ ...l, busy: "stopping", error: undefined }));
    try {
      setState(await api.call("containers.stop", { project }));
      updateLog((l) => ({ ...l, busy: undefined }));
    } catch (err) {
      updateLog((l) => ({ ...l, busy: undefined, error: errorText(err) }));
    }
  }, [api, project, setState, updateLog]);

  const restart = useCallback(async () => {
    await stop();
    await run();
  }, [run, stop]);

  // Follow the running container's log (with recent history) while it is healthy.
  const containerId = status.data?.state === "healthy" ? status.data.containerId : undefined;
  useEffect(() => {
    if (!containerId) return;
    let first = true;
    const handle = api.stream("containers.logs", { project, tail: 200 }, (e) => {
      updateLog((l) => {
        const lines = first ? [] : l.lines; // the tail replaces what the start-up stream showed
        first = false;
        return { ...l, lines: capped([...lines, { stream: e.stream, line: e.line }]) };
      });
    });
    handle.result.catch(() => undefined);
    return () => handle.cancel();
  }, [api, project, containerId, updateLog]);

  return { state: status.data, statusError: status.error, log, run, stop, restart };
}
