// After a rebuild while the project runs: one click (or none, if the person chose so) to the new image.
import { useEffect, useRef } from "react";
import type { ContainerState } from "../../app/contract";
import { useBuild } from "./queries/use-build";
import { useSaveSettings, useSettings } from "./queries/use-settings";
import { useContainerState, useRunActions, useRunLog } from "./queries/use-run";

/** The image a fresh build made, when a container of an older image (or a failed one) is still up. */
function newerImage(state: ContainerState | undefined, builtImageId: string | undefined): string | undefined {
  if (!builtImageId || !state || state.state === "stopped" || state.state === "starting" || state.state === "reloading") return undefined;
  if (!state.containerId) return undefined;
  const running = state.state === "healthy" || state.state === "failed" ? state.imageId : undefined;
  return running === builtImageId ? undefined : builtImageId;
}

function useNewerImage(project: string) {
  const { view } = useBuild(project);
  const { data: state } = useContainerState(project);
  const [log] = useRunLog(project);
  return log.busy ? undefined : newerImage(state, view.phase === "done" ? view.result?.imageId : undefined);
}

export function NewImageOffer({ project }: { project: string }) {
  const newer = useNewerImage(project);
  const { restart } = useRunActions(project);
  const settings = useSettings();
  const save = useSaveSettings();
  if (!newer) return null;
  const saved = settings.data?.saved;
  return (
    <div className="banner ok new-image-offer" data-testid="new-image-offer" role="status">
      <span>A new image was built; the running container still uses the old one.</span>{" "}
      <button type="button" className="primary" onClick={() => void restart()}>
        Restart with the new image
      </button>
      {saved && (
        <label className="field inline">
          <input
            type="checkbox"
            checked={saved.restartAfterBuild}
            disabled={save.isPending}
            onChange={(e) => save.mutate({ ...saved, restartAfterBuild: e.target.checked })}
          />
          <span>Always restart after a build</span>
        </label>
      )}
    </div>
  );
}

/** Mounted once per open project: with "restart after build" on, a new image replaces the running container by itself. */
export function useRestartAfterBuild(project: string) {
  const newer = useNewerImage(project);
  const auto = useSettings().data?.saved.restartAfterBuild ?? false;
  const { restart } = useRunActions(project);
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!auto || !newer || done.current === newer) return;
    done.current = newer;
    void restart();
  }, [auto, newer, restart]);
}
