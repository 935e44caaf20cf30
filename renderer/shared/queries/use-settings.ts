// Per-user settings through react-query: one read shared by every screen, saved values replace it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UserSettings } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: keys.settings, queryFn: () => api.call("settings.get", {}) });
}

export function useSaveSettings() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (settings: UserSettings) => api.call("settings.save", settings),
    onSuccess: (view) => qc.setQueryData(keys.settings, view),
  });
}
