import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Project } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

export function useRecentProjects() {
  const api = useApi();
  return useQuery({ queryKey: keys.recent, queryFn: () => api.call("projects.recent", {}) });
}

export function useProject(dir: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.project(dir), queryFn: () => api.call("projects.open", { project: dir }), staleTime: Infinity });
}

/** Create and open both land in the cache, so the workspace renders without asking again. */
function useProjectLanding<I>(call: (input: I) => Promise<Project>, onDone: (p: Project) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (project) => {
      qc.setQueryData(keys.project(project.dir), project);
      void qc.invalidateQueries({ queryKey: keys.recent });
      onDone(project);
    },
  });
}

export function useCreateProject(onDone: (p: Project) => void) {
  const api = useApi();
  return useProjectLanding((input: { name: string; dir?: string }) => api.call("projects.create", input), onDone);
}

export function useOpenProject(onDone: (p: Project) => void) {
  const api = useApi();
  return useProjectLanding((dir: string) => api.call("projects.open", { project: dir }), onDone);
}

export function useSaveManifest(dir: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (manifest: Project["manifest"]) => api.call("projects.saveManifest", { project: dir, manifest }),
    onSuccess: (project) => {
      qc.setQueryData(keys.project(dir), project);
      // An open editor on stagemaker.json picks up the new text (unless it holds a draft).
      void qc.invalidateQueries({ queryKey: keys.file(dir, "stagemaker.json") });
    },
  });
}
