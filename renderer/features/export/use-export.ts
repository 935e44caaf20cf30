// Export's reads and writes: the last settings, the plan (a preview that writes nothing), and the
// run with its progress kept in the query cache so it outlives the panel.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { ExportEvent, ExportInput, ExportResult } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import type { StreamHandle } from "../../api/client";
import { errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export type ExportForm = Omit<ExportInput, "project">;

export interface ExportRunView {
  phase: "idle" | "running" | "done" | "failed";
  steps: Extract<ExportEvent, { type: "step" }>[];
  lines: string[];
  result?: ExportResult;
  error?: string;
}
const idle: ExportRunView = { phase: "idle", steps: [], lines: [] };
/** The running export per project, outside React so Cancel works from any render. */
const running = new Map<string, StreamHandle<ExportResult>>();

export function useLastExportSettings(project: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.exportSettings(project), queryFn: () => api.call("export.lastSettings", { project }) });
}

export function useExportPlan(project: string) {
  const api = useApi();
  return useMutation({ mutationFn: (form: ExportForm) => api.call("export.plan", { project, ...form }) });
}

export function useExportRun(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const key = useMemo(() => keys.exportRun(project), [project]);
  const [view, update] = useStreamState<ExportRunView>(key, idle);
  const run = useCallback(
    async (form: ExportForm) => {
      update(() => ({ phase: "running", steps: [], lines: [] }));
      const handle = api.stream("export.run", { project, ...form }, (e) =>
        update((v) => (e.type === "step" ? { ...v, steps: [...v.steps, e] } : { ...v, lines: [...v.lines.slice(-199), e.line] })),
      );
      running.set(project, handle);
      try {
        const result = await handle.result;
        update((v) => ({ ...v, phase: "done", result }));
        void qc.invalidateQueries({ queryKey: keys.exportSettings(project) });
      } catch (err) {
        update((v) => ({ ...v, phase: "failed", error: errorText(err) }));
      } finally {
        running.delete(project);
      }
    },
    [api, project, qc, update],
  );
  const cancel = useCallback(() => running.get(project)?.cancel(), [project]);
  return { view, run, cancel };
}
