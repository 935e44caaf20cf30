// The readiness report of the project's built image: points stream in as they are checked.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import type { CheckPoint, CheckReport } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export interface ReadinessView {
  running: boolean;
  current?: string;
  points: CheckPoint[];
  report?: CheckReport;
  error?: string;
}

const idle: ReadinessView = { running: false, points: [] };

export function useReadiness(project: string) {
  const api = useApi();
  const key = useMemo(() => keys.readiness(project), [project]);
  const [view, update] = useStreamState<ReadinessView>(key, idle);
  // The last report survives a restart (saved in the project's .stagemaker/).
  const last = useQuery({ queryKey: [...key, "last"], queryFn: () => api.call("readiness.last", { project }) });
  useEffect(() => {
    if (last.data) update((v) => (v.running || v.report ? v : { running: false, points: last.data!.points, report: last.data! }));
  }, [last.data, update]);
  const run = useCallback(
    async ({ instanceType, memoryMb }: { instanceType: string; memoryMb?: number }) => {
      update(() => ({ running: true, points: [] }));
      const handle = api.stream("readiness.run", { project, instanceType, ...(memoryMb ? { memoryMb } : {}) }, (e) =>
        update((v) => (e.type === "checking" ? { ...v, current: e.title } : { ...v, points: [...v.points, e.point] })),
      );
      try {
        const report = await handle.result;
        update(() => ({ running: false, points: report.points, report }));
      } catch (err) {
        update((v) => ({ ...v, running: false, current: undefined, error: errorText(err) }));
      }
    },
    [api, project, update],
  );
  return { view, run };
}
