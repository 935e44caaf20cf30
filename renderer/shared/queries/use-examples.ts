// Saved examples: list, save from a history entry, run one or all (the last run kept in the query cache for the tab badge).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ExamplesReport, ExpectedAnswer } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

export function useExamples(project: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.examples(project), queryFn: () => api.call("examples.list", { project }) });
}

export function useLastRun(project: string) {
  return useQuery<ExamplesReport | null>({
    queryKey: keys.exampleRun(project),
    queryFn: () => null,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useSaveExample(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; historyId: string; overwrite?: boolean }) => api.call("examples.save", { project, ...v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.examples(project) }),
  });
}

export function useRemoveExample(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.call("examples.remove", { project, name }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.examples(project) }),
  });
}

/** Makes the answer a failing example got its new expected one (the model changed on purpose). */
export function useAcceptAnswer(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; answer: ExpectedAnswer }) => api.call("examples.accept", { project, ...v }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.examples(project) }),
  });
}

/** Runs all examples (no names) or some; a partial run merges into the last full report. */
export function useRunExamples(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationKey: ["run-examples", project],
    mutationFn: (names?: string[]) => api.call("examples.run", { project, names }),
    onSuccess: (report, names) => {
      qc.setQueryData<ExamplesReport | null>(keys.exampleRun(project), (last) => {
        if (!names?.length || !last) return report;
        const outcomes = last.outcomes.map((o) => report.outcomes.find((n) => n.name === o.name) ?? o);
        for (const n of report.outcomes) if (!outcomes.some((o) => o.name === n.name)) outcomes.push(n);
        const passed = outcomes.filter((o) => o.passed).length;
        return { ...report, outcomes, passed, failed: outcomes.length - passed };
      });
    },
  });
}
