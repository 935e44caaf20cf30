import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

export function useFile(project: string, path: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.file(project, path ?? ""),
    queryFn: () => api.call("code.read", { project, path: path! }),
    enabled: path !== null,
    // Re-read when a file is shown again: an edit made outside (CLI, another editor) shows up, and
    // the editor follows it unless it holds a draft.
    staleTime: 0,
  });
}

export function useSaveFile(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { path: string; content: string }) => api.call("code.write", { project, ...v }),
    onSuccess: (entry, v) => {
      qc.setQueryData(keys.file(project, v.path), { path: v.path, content: v.content, size: entry.size });
      void qc.invalidateQueries({ queryKey: keys.files(project) });
      // The manifest is also shown as settings (name, env table); they must not keep a stale copy.
      if (v.path === "stagemaker.json") void qc.invalidateQueries({ queryKey: keys.project(project) });
    },
  });
}
