import { useCallback, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { errorCode, errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import type { PickedFile } from "../dropped-files";

export function useArtifactList(project: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.artifacts(project), queryFn: () => api.call("artifacts.list", { project }) });
}

export function useRemoveArtifact(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api.call("artifacts.remove", { project, path }),
    onSuccess: (list) => {
      qc.setQueryData(keys.artifacts(project), list);
      void qc.invalidateQueries({ queryKey: keys.files(project) });
    },
  });
}

export interface UploadState {
  phase: "idle" | "uploading" | "done" | "cancelled" | "failed";
  file?: string;
  /** Bytes of all files in this upload, finished files included. */
  bytesDone: number;
  bytesTotal: number;
  files: number;
  message?: string;
}

/** Streaming copy into artifacts/ with progress across all files and a cancel that keeps nothing. */
export function useArtifactUpload(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: "idle", bytesDone: 0, bytesTotal: 0, files: 0 });
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (files: PickedFile[]) => {
      if (files.length === 0 || abort.current) return;
      const ctrl = new AbortController();
      abort.current = ctrl;
      const sizes = new Map(files.map((f) => [f.relPath, f.file.size]));
      const bytesTotal = files.reduce((n, f) => n + f.file.size, 0);
      const done = new Map<string, number>();
      setState({ phase: "uploading", bytesDone: 0, bytesTotal, files: files.length });
      try {
        const list = await api.uploadArtifacts(
          project,
          files,
          (p) => {
            done.set(p.file, Math.min(p.bytesDone, sizes.get(p.file) ?? p.bytesTotal));
            let sum = 0;
            for (const v of done.values()) sum += v;
            setState({ phase: "uploading", file: p.file, bytesDone: sum, bytesTotal, files: files.length });
          },
          ctrl.signal,
        );
        qc.setQueryData(keys.artifacts(project), list);
        void qc.invalidateQueries({ queryKey: keys.files(project) });
        setState({ phase: "done", bytesDone: bytesTotal, bytesTotal, files: files.length });
      } catch (err) {
        const cancelled = ctrl.signal.aborted || errorCode(err) === "cancelled";
        setState({
          phase: cancelled ? "cancelled" : "failed",
          bytesDone: 0,
          bytesTotal,
          files: files.length,
          message: cancelled ? "Cancelled — nothing partial was kept." : errorText(err),
        });
        void qc.invalidateQueries({ queryKey: keys.artifacts(project) });
      } finally {
        abort.current = null;
      }
    },
    [api, project, qc],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
