// The project's Instance/Prediction schemas (read by Python through the core), re-read whenever a model/ file is saved or the container changes.
import { useEffect } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ModelFileSpec, SchemaKind } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

export function useSchemas(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  // A save puts the new text in the file query; the core's cache (by content) makes a re-read cheap.
  useEffect(() => {
    let container = "";
    return qc.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      const [kind, dir, path] = event.query.queryKey as [string, string, string?];
      if (dir !== project) return;
      const reread = () => void qc.invalidateQueries({ queryKey: keys.schemas(project) });
      if (kind === "file" && typeof path === "string" && path.startsWith("model/")) reread();
      if (kind === "container") {
        // Polled every few seconds: only a new container or state (a rebuild, a reload) counts.
        const s = event.query.state.data as { state?: string; containerId?: string; startupMs?: number } | undefined;
        const now = `${s?.state}/${s?.containerId}/${s?.startupMs}`;
        if (now !== container && container) reread();
        container = now;
      }
    });
  }, [qc, project]);
  return useQuery({
    queryKey: keys.schemas(project),
    queryFn: () => api.call("schemas.read", { project }),
    retry: false,
    // Keep showing the last good schemas while a broken edit is being fixed.
    placeholderData: (previous) => previous,
  });
}

/** Writes model/<which>.py from a field table; the file and the schemas are re-read after. */
export function useWriteModel(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { which: SchemaKind; spec: ModelFileSpec }) => api.call("schemas.writeModel", { project, ...v }),
    onSuccess: (written) => {
      qc.setQueryData(keys.file(project, written.path), {
        path: written.path,
        content: written.code,
        size: new TextEncoder().encode(written.code).length,
      });
      void qc.invalidateQueries({ queryKey: keys.schemas(project) });
    },
  });
}
