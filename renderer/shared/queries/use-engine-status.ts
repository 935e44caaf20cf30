import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

/** Polled: a stopped engine is a status the person sees, and it recovers without a reload. */
export function useEngineStatus() {
  const api = useApi();
  return useQuery({
    queryKey: keys.engine,
    queryFn: () => api.call("engine.status", {}),
    refetchInterval: (q) => (q.state.data?.state === "reachable" ? 10_000 : 3_000),
    refetchOnWindowFocus: true,
  });
}
