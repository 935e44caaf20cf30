// The per-user "keep running after quit" choice, where the person starts the server (CLI: `stagemaker settings --keep-running-after-quit yes|no`).
import { useSaveSettings, useSettings } from "../../shared/queries/use-settings";

export function KeepRunningAfterQuit() {
  const settings = useSettings();
  const save = useSaveSettings();
  const saved = settings.data?.saved;
  if (!saved) return null;
  return (
    <label
      className="field inline keep-running"
      title="Off: quitting Stagemaker stops the servers it started. On: they keep answering until you stop them (Stop, or `stagemaker stop DIR`)."
    >
      <input
        type="checkbox"
        data-testid="keep-running-after-quit"
        checked={saved.keepRunningAfterQuit ?? false}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ ...saved, keepRunningAfterQuit: e.target.checked })}
      />
      <span>Keep running after quit</span>
    </label>
  );
}
