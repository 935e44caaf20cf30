// Optionally replays the examples after each successful run (build+run) and each dev-mode reload.
import { useEffect, useRef, useState } from "react";
import { useContainerState } from "../../shared/queries/use-run";
import { useExamples, useRunExamples } from "../../shared/queries/use-examples";

const storageKey = (project: string) => `stagemaker.examples.autoRun:${project}`;

/** The person's choice, per project, kept across restarts. */
export function useAutoRunSetting(project: string): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(storageKey(project)) === "1");
  return [
    on,
    (next) => {
      localStorage.setItem(storageKey(project), next ? "1" : "0");
      setOn(next);
      window.dispatchEvent(new StorageEvent("storage", { key: storageKey(project) }));
    },
  ];
}

export function useExamplesAutoRun(project: string) {
  const [on, setOn] = useState(() => localStorage.getItem(storageKey(project)) === "1");
  useEffect(() => {
    const follow = (e: StorageEvent) => e.key === storageKey(project) && setOn(localStorage.getItem(storageKey(project)) === "1");
    window.addEventListener("storage", follow);
    return () => window.removeEventListener("storage", follow);
  }, [project]);
  const state = useContainerState(project).data;
  const examples = useExamples(project).data;
  const run = useRunExamples(project);
  const last = useRef<string | undefined>(undefined);
  // A new container, or a new start of the same one (dev reload), is a new server to check.
  const signature = state?.state === "healthy" ? `${state.containerId}/${state.startupMs ?? ""}` : undefined;
  useEffect(() => {
    if (!signature) return;
    const previous = last.current;
    last.current = signature;
    if (previous === undefined || previous === signature || !on || !examples?.length || run.isPending) return;
    run.mutate(undefined);
  }, [signature, on, examples, run]);
}
