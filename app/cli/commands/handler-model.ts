// The script-mode half of `stagemaker new DIR --from model.tar.gz`: model data with code/inference.py
// becomes a handler project (the script served as it is), not a generated predictor.
import { basename } from "node:path";
import type { Detection, Project } from "../../contract";
import type { openCli as openCore } from "../cli-context";

type Cli = ReturnType<typeof openCore>;

/** Script-mode model data: its files include code/inference.py, or inference.py at the top. */
export const isHandlerArtifact = (detections: Detection[]) =>
  detections.some((d) => d.file === "code/inference.py" || d.file === "inference.py");

/** Makes the new project a handler project when the imported file holds an inference.py; false when it does not. */
export async function newHandlerProject(cli: Cli, project: Project, file: string, dir: string): Promise<boolean> {
  const h = await cli.call("model.handler", { project: project.dir, artifact: basename(file), onlyIfScript: true });
  if (!h) return false;
  await cli.finish(
    { project, handler: h },
    [
      `Created ${project.manifest.name} in ${project.dir} from ${basename(file)}: a handler project serving artifacts/${h.script}`,
      `Functions: ${h.functions.join(", ") || "none found"}; the rest from the ${h.defaults} container's defaults (STAGEMAKER_HANDLER_DEFAULTS)`,
      ...(h.model
        ? [`Model file: ${h.model.file} (${h.model.kind}${h.model.frameworkVersion ? ` ${h.model.frameworkVersion}` : ""})`]
        : []),
      `Requirements: ${h.requirements.join(" ")}`,
      `Environment: ${h.env.map((e) => `${e.name}=${e.value}`).join(" ")}`,
      ...h.notes.map((n) => `note: ${n}`),
      "Next:",
      `  stagemaker build ${dir} && stagemaker run ${dir}`,
      `  stagemaker invoke ${dir} --content-type text/csv --accept text/csv --data '1,2,3,4'`,
    ].join("\n"),
  );
  return true;
}
