import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";
import { toInvokeInput, type RequestDraft } from "./request-model";

export function useInvocationHistory(project: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.history(project), queryFn: () => api.call("invoke.history", { project }) });
}

/** Send through the core (which times it next to the container); the history refreshes after. */
export function useSendInvocation(project: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: RequestDraft) => api.call("invoke.send", toInvokeInput(project, r)),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.history(project) }),
  });
}
