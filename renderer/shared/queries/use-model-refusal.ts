import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { keys } from "../../api/query-keys";

/** Why the project's model would be refused by a build or run (null: nothing stands in the way). */
export function useModelRefusal(project: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.modelRefusal(project),
    queryFn: () => api.call("model.refusal", { project }),
    // The person may remove the refused file or write the predictor in another editor: asked again when the
    // window regains focus (a few file reads in the core).
    refetchOnWindowFocus: true,
  });
}
