// A pipeline folder: its steps and their state, run/stop, and invocations hop by hop.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InputOf, Pipeline } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";

export function usePipeline(dir: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.pipeline(dir ?? ""),
    queryFn: () => api.call("pipeline.open", { pipeline: dir! }),
    enabled: Boolean(dir),
    retry: false,
  });
}

export function usePipelineActions(dir: string) {
  const api = useApi();
  const qc = useQueryClient();
  const [log, update] = useStreamState<{ busy: boolean; lines: string[]; error?: string }>(keys.pipelineRun(dir), {
    busy: false,
    lines: [],
  });
  const set = (p: Pipeline) => qc.setQueryData(keys.pipeline(dir), p);
  const run = async () => {
    update(() => ({ busy: true, lines: [] }));
    try {
      const handle = api.stream("pipeline.run", { pipeline: dir }, (e) =>
        update((v) => ({ ...v, lines: [...v.lines, `step ${e.step + 1}: ${e.message}`] })),
      );
      set(await handle.result);
      update((v) => ({ ...v, busy: false }));
    } catch (err) {
      update((v) => ({ ...v, busy: false, error: (err as Error).message }));
      void qc.invalidateQueries({ queryKey: keys.pipeline(dir) });
    }
  };
  const stop = useMutation({ mutationFn: () => api.call("pipeline.stop", { pipeline: dir }), onSuccess: set });
  const invoke = useMutation({
    mutationFn: (input: Omit<InputOf<"pipeline.invoke">, "pipeline">) => api.call("pipeline.invoke", { pipeline: dir, ...input }),
  });
  return { log, run, stop, invoke };
}

export function useCreatePipeline() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"pipeline.create">) => api.call("pipeline.create", input),
    onSuccess: (p) => qc.setQueryData(keys.pipeline(p.dir), p),
  });
}
