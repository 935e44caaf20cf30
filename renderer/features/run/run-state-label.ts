// The one word the Run panel shows: what the person's last action is doing, else the container's state.
import type { ContainerState } from "../../../app/contract";
import type { RunLog } from "../../shared/queries/use-run";

export type RunStateLabel = ContainerState["state"] | "stopping";

export function runStateLabel(state: ContainerState["state"], busy: RunLog["busy"]): RunStateLabel {
  if (busy === "stopping") return "stopping";
  if (busy === "reloading") return "reloading";
  if (busy === "starting") return "starting";
  return state;
}
