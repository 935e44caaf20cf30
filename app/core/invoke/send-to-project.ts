// Sends an invocation to a project's running container, once more on its new port if it moved.
import { type InvocationResult, type InvokeInput, StagemakerError } from "../../contract";
import type { ProjectPorts } from "../run/project-ports";
import { sendInvocation } from "./send-invocation";

export async function sendToProject(
  ports: ProjectPorts,
  projectDir: string,
  request: Omit<InvokeInput, "project">,
  signal: AbortSignal,
): Promise<InvocationResult> {
  let port = await ports.portOf(projectDir);
  if (!port) throw new StagemakerError("not-running", "The project is not running. Run it first (`stagemaker run` or the Run button).");
  let result = await sendInvocation(port, request, signal);
  if (result.failure?.kind === "refused" && ports.isCurrent(projectDir, port)) {
    // The container may have been restarted on another port since we looked.
    ports.forget(projectDir);
    const fresh = await ports.portOf(projectDir);
    if (fresh && fresh !== port) result = await sendInvocation((port = fresh), request, signal);
  }
  return result;
}
