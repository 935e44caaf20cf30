import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

/**
 * State that streamed events build up, kept in the query cache (never refetched, never collected)
 * so it outlives the panel that shows it — switching tabs or projects does not lose a build's log.
 */
export function useStreamState<T>(key: readonly unknown[], initial: T) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: key, queryFn: () => initial, initialData: initial, staleTime: Infinity, gcTime: Infinity });
  const update = useCallback((fn: (prev: T) => T) => qc.setQueryData<T>(key, (prev) => fn(prev ?? initial)), [qc, key, initial]);
  return [data ?? initial, update] as const;
}
