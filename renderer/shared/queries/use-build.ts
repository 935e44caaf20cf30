import { useCallback, useMemo } from "react";
import type { StreamHandle } from "../../api/client";
import type { BuildEvent, BuildResult } from "../../../app/contract";
import { useApi } from "../../api/api-context";
import { errorCode, errorText } from "../../api/error-text";
import { keys } from "../../api/query-keys";
import { useStreamState } from "../../api/use-stream-state";
import { eventBatch } from "../../api/event-batch";
import { applyBuildEvent, buildFailureOf, failBuild, finishBuild, idleBuild, startBuild, type BuildView } from "../build-view";

/** One build at a time per project; the handle lives outside React so any screen can cancel it. */
const running = new Map<string, StreamHandle<BuildResult>>();

export function useBuild(project: string) {
  const api = useApi();
  const key = useMemo(() => keys.build(project), [project]);
  const [view, update] = useStreamState<BuildView>(key, idleBuild);

  const build = useCallback(async () => {
    if (running.has(project)) return;
    update(() => startBuild(Date.now()));
    const batch = eventBatch<BuildEvent>((events) => update((v) => events.reduce(applyBuildEvent, v)));
    const handle = api.stream("build.run", { project }, batch.push);
    running.set(project, handle);
    try {
      const result = await handle.result;
      batch.flush();
      update((v) => finishBuild(v, result));
    } catch (err) {
      batch.flush();
      update((v) => failBuild(v, buildFailureOf(err, errorText(err)), errorCode(err) === "cancelled"));
    } finally {
      running.delete(project);
    }
  }, [api, project, update]);

  const cancel = useCallback(() => running.get(project)?.cancel(), [project]);
  return { view, build, cancel };
}
