// The Model tab's state: plan (streamed: detect, image build, introspection) then apply.
import { useCallback, useMemo } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { HandlerProject, ModelPlan, PlanEvent } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { ApiError, type StreamHandle } from "../../api/client";
import { errorCode, errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";
import type { PickedFile } from "../dropped-files";

export interface ModelPlanView {
  phase: "idle" | "planning" | "ready" | "handler" | "failed" | "cancelled";
  artifact?: string;
  stage?: string;
  step?: string;
  plan?: ModelPlan;
  /** Script-mode model data: made a handler project (nothing to review: the script is the person's). */
  handler?: HandlerProject;
  error?: string;
  /** Detail of a refusal (e.g. the dangerous globals of a pickle). */
  detail?: unknown;
}
const idle: ModelPlanView = { phase: "idle" };
const running = new Map<string, StreamHandle<ModelPlan>>();

/**
 * Model files dropped outside the Model tab (the projects screen, anywhere on the workspace), waiting
 * for the project's Model tab to take them: an artifact already copied in, or files to copy first.
 */
export type PendingModel = { artifact: string } | { files: PickedFile[] };
const pending = new Map<string, PendingModel>();
const listeners = new Set<() => void>();
export const markPendingModel = (project: string, what: PendingModel) => {
  pending.set(project, what);
  for (const l of listeners) l();
};
export const takePendingModel = (project: string) => {
  const a = pending.get(project);
  pending.delete(project);
  return a;
};
export const hasPendingModel = (project: string) => pending.has(project);
export function onPendingModel(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function onEvent(v: ModelPlanView, e: PlanEvent): ModelPlanView {
  if (e.type === "stage") return { ...v, stage: e.message, step: undefined };
  const b = e.event;
  if (b.type === "step") return { ...v, step: `Step ${b.index}/${b.total}: ${b.instruction.slice(0, 90)}` };
  return v;
}

export function useModelPlan(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  const key = useMemo(() => keys.modelPlan(project), [project]);
  const [view, update] = useStreamState<ModelPlanView>(key, idle);
  const start = useCallback(
    async (artifact: string, frameworkVersion?: string) => {
      if (running.has(project)) return;
      update(() => ({ phase: "planning", artifact, stage: `Reading ${artifact}` }));
      try {
        // SageMaker script mode (code/inference.py): served as written, no predictor to generate.
        const handler = await api.call("model.handler", { project, artifact, onlyIfScript: true });
        if (handler) {
          update(() => ({ phase: "handler", artifact, handler }));
          for (const key of [keys.files(project), keys.project(project), keys.artifacts(project)])
            void qc.invalidateQueries({ queryKey: key });
          return;
        }
      } catch (err) {
        update(() => ({ phase: "failed", artifact, error: errorText(err) }));
        return;
      }
      // The card's framework version wins over the file's and requirements.txt's (server/frameworks pins).
      const input = { project, artifact, ...(frameworkVersion ? { frameworkVersion } : {}) };
      const handle = api.stream("model.plan", input, (e) => update((v) => onEvent(v, e)));
      running.set(project, handle);
      try {
        const plan = await handle.result;
        update((v) => ({ ...v, phase: "ready", plan }));
      } catch (err) {
        const cancelled = errorCode(err) === "cancelled";
        // A refusal is kept by the core: the Build and Run tabs show it before anyone clicks.
        void qc.invalidateQueries({ queryKey: keys.modelRefusal(project) });
        update((v) => ({
          ...v,
          phase: cancelled ? "cancelled" : "failed",
          error: cancelled ? "Cancelled." : errorText(err),
          detail: err instanceof ApiError ? err.detail : undefined,
        }));
      } finally {
        running.delete(project);
      }
    },
    [api, project, update, qc],
  );
  const cancel = useCallback(() => running.get(project)?.cancel(), [project]);
  const reset = useCallback(() => update(() => idle), [update]);
  return { view, start, cancel, reset };
}

export function useApplyPlan(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, overwrite }: { plan: ModelPlan; overwrite: string[] }) =>
      api.call("model.apply", { project, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.files(project) });
      for (const path of r.written) void qc.invalidateQueries({ queryKey: keys.file(project, path) });
    },
  });
}
