// The model's Instance and Prediction JSON Schemas, read by Python in a short-lived container of the
// project's image (model/ mounted over the image's copy, so they match the files as they are now).
// Swappable: once `python -m tools.schema` is in every image, the fallbacks below can go.
import { join } from "node:path";
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { runToEnd } from "../containers/start-container";

export interface ModelSchemas {
  instance: Record<string, unknown>;
  prediction: Record<string, unknown>;
}

/** `python -m tools.schema` when the image has it (`server.schema` in images from before tools/), else the server's own JSON Schema builder. */
const SCRIPT = `
import importlib.util, json, runpy, sys
def found(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
reader = next((n for n in ("tools.schema", "server.schema") if found(n)), None)
if reader:
    runpy.run_module(reader, run_name="__main__")
else:
    from server.compat import json_schema
    from model.instance import Instance
    from model.prediction import Prediction
    ref = "#/$defs/{model}"
    print(json.dumps({"instance": json_schema(Instance, ref), "prediction": json_schema(Prediction, ref)}))
`;

export async function readModelSchemas(docker: Docker, image: string, projectDir: string, signal?: AbortSignal): Promise<ModelSchemas> {
  const run = await runToEnd(
    docker,
    {
      kind: "schemas",
      image,
      project: { dir: projectDir },
      cmd: ["python", "-c", SCRIPT],
      labels: { "com.stagemaker.purpose": "export-schemas" },
      mounts: [{ Type: "bind", Source: join(projectDir, "model"), Target: "/opt/program/model", ReadOnly: true }],
    },
    { signal, what: "Export" },
  );
  const stderr = run.stderr.split("\n").filter((l) => l.trim());
  if (run.exitCode !== 0) {
    const reason = `Python could not read the Instance/Prediction schemas from model/ (exit ${run.exitCode}): ${stderr.at(-1) ?? ""}`;
    throw new StagemakerError("run-failed", `${reason}. Fix model/ and export again.`, {
      exitCode: run.exitCode,
      reason,
      lastLogs: stderr.slice(-20),
    });
  }
  const out =
    run.stdout
      .split("\n")
      .filter((l) => l.trim())
      .at(-1) ?? "{}";
  const parsed = JSON.parse(out) as Partial<ModelSchemas>;
  if (!parsed.instance || !parsed.prediction)
    throw new StagemakerError("internal", `The schema reader printed no schemas: ${out.slice(0, 500)}`);
  return { instance: parsed.instance, prediction: parsed.prediction };
}
