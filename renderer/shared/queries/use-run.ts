import { useCallback, useEffect, useMemo } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ContainerState as State, LogLine } from "../../../app/contract";

type Line = RunLog["lines"][number];
import { useApi } from "../../api/api-context";
import { ApiError } from "../../api/client";
import { eventBatch } from "../../api/event-batch";
import { errorCode, errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export interface RunLog {
  lines: { stream: "stdout" | "stderr"; line: string }[];
  waiting?: { elapsedMs: number; limitMs: number; lastPing: string };
  busy?: "starting" | "stopping" | "reloading";
  error?: string;
  /** Not a failure, but worth a line (e.g. the remembered port was taken). */
  notice?: string;
}
const emptyLog: RunLog = { lines: [] };
const MAX_LINES = 3000;
const capped = <T>(a: T[]) => (a.length > MAX_LINES ? a.slice(a.length - MAX_LINES) : a);

/** A failed run's error may carry the container state (exit code, last lines); keep what is there. */
function failedState(err: unknown): State {
  const failure = err instanceof ApiError ? err.detailOf("run-failed") : undefined;
  return { state: "failed", ...(failure ?? { exitCode: null, reason: errorText(err), lastLogs: [] }) };
}

/** The run or reload stream in flight per project, so Stop can end the wait for /ping too. */
const inFlight = new Map<string, { cancel(): void; result: Promise<unknown> }>();
/** Projects where a save arrived during a reload: one more reload follows, so the last save always lands. */
const reloadAgain = new Set<string>();

/** The container's state, polled so changes made elsewhere (CLI, a crash) show up. */
export function useContainerState(project: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.container(project),
    queryFn: () => api.call("run.status", { project }),
    refetchInterval: 4000,
  });
}

export function useRunLog(project: string) {
  const logKey = useMemo(() => keys.runLog(project), [project]);
  return useStreamState<RunLog>(logKey, emptyLog);
}

/** Run, reload, stop, restart. All state lives in the query cache, so any screen may call these. */
export function useRunActions(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const [, updateLog] = useRunLog(project);
  const setState = useCallback((s: State) => qc.setQueryData(keys.container(project), s), [qc, project]);

  const start = useCallback(
    async (channel: "run.start" | "run.reload") => {
      updateLog((l) => ({
        notice: undefined,
        lines: channel === "run.start" ? [] : l.lines,
        busy: channel === "run.start" ? "starting" : "reloading",
      }));
      if (channel === "run.reload")
        qc.setQueryData<State>(keys.container(project), (s) =>
          s && "containerId" in s && s.containerId && "hostPort" in s && s.hostPort
            ? { state: "reloading", containerId: s.containerId, hostPort: s.hostPort }
            : s,
        );
      const lines = eventBatch<Line>((batch) => updateLog((l) => ({ ...l, lines: capped([...l.lines, ...batch]) })));
      const handle = api.stream(channel, { project }, (e) => {
        if (e.type === "created") setState({ state: "starting", containerId: e.containerId, hostPort: e.hostPort });
        else if (e.type === "waiting")
          updateLog((l) => ({ ...l, waiting: { elapsedMs: e.elapsedMs, limitMs: e.limitMs, lastPing: e.lastPing } }));
        else if (e.type === "notice") updateLog((l) => ({ ...l, notice: e.message }));
        else lines.push({ stream: e.stream, line: e.line });
      });
      inFlight.set(project, handle);
      handle.result.then(lines.flush, lines.flush);
      // A newer start (Restart pressed meanwhile) owns the state from now on.
      const superseded = () => inFlight.has(project) && inFlight.get(project) !== handle;
      try {
        const state = await handle.result;
        if (superseded()) return;
        setState(state);
        updateLog((l) => ({ ...l, busy: undefined, waiting: undefined }));
      } catch (err) {
        if (superseded()) return;
        const code = errorCode(err);
        if (code === "cancelled") {
          updateLog((l) => (l.busy === "stopping" ? l : { ...l, busy: undefined, waiting: undefined }));
        } else if (code === "engine-unreachable" || code === "not-found" || code === "conflict" || code === "invalid-input") {
          // Refused before any container started (a refused model, say): the reason, not a "failed" container.
          updateLog((l) => ({ ...l, busy: undefined, waiting: undefined, error: errorText(err) }));
          void qc.invalidateQueries({ queryKey: keys.container(project) });
        } else {
          setState(failedState(err));
          updateLog((l) => ({ ...l, busy: undefined, waiting: undefined }));
        }
      } finally {
        if (inFlight.get(project) === handle) inFlight.delete(project);
        // The manifest may now remember the host port.
        if (channel === "run.start") void qc.invalidateQueries({ queryKey: keys.project(project) });
      }
      if (reloadAgain.delete(project) && !inFlight.has(project)) await start("run.reload");
    },
    [api, project, qc, setState, updateLog],
  );

  const run = useCallback(() => {
    // Restarting from any state: a start or reload in flight gives way to the new container.
    inFlight.get(project)?.cancel();
    reloadAgain.delete(project);
    return start("run.start");
  }, [project, start]);
  /** After an edit: dev mode restarts only the server (SIGHUP); otherwise a cached rebuild and a new container. */
  const reload = useCallback(() => {
    if (inFlight.has(project)) {
      reloadAgain.add(project);
      return Promise.resolve();
    }
    return start("run.reload");
  }, [project, start]);

  const stop = useCallback(async () => {
    reloadAgain.delete(project);
    inFlight.get(project)?.cancel();
    inFlight.delete(project);
    updateLog((l) => ({ ...l, busy: "stopping", waiting: undefined, error: undefined }));
    try {
      setState(await api.call("run.stop", { project }));
      updateLog((l) => ({ ...l, busy: undefined }));
    } catch (err) {
      updateLog((l) => ({ ...l, busy: undefined, error: errorText(err) }));
    }
  }, [api, project, setState, updateLog]);

  /** A new container from the newest image (run.start replaces the old one itself). */
  const restart = run;

  return { run, reload, stop, restart };
}

/**
 * Follows the container's log (recent lines first) whenever no run stream of this window is already
 * delivering it — e.g. a container started elsewhere, or after it became healthy. Mount once per project.
 */
export function useFollowLogs(project: string, containerId: string | undefined) {
  const api = useApi();
  const [, updateLog] = useRunLog(project);
  useEffect(() => {
    if (!containerId) return;
    let first = true;
    const batch = eventBatch<LogLine>((events) =>
      updateLog((l) => {
        const lines = first ? [] : l.lines; // the tail replaces what the start-up stream showed
        first = false;
        return { ...l, lines: capped([...lines, ...events.map((e) => ({ stream: e.stream, line: e.line }))]) };
      }),
    );
    const handle = api.stream("run.logs", { project, tail: 200, follow: true }, batch.push);
    handle.result.then(batch.flush, batch.flush);
    return () => {
      handle.cancel();
      batch.flush();
    };
  }, [api, project, containerId, updateLog]);
}
