// The model's Instance and Prediction JSON Schemas, read by Python in a short-lived container of the
// project's image (model/ mounted over the image's copy, so they match the files as they are now).
// Swappable: once `python -m server.schema` is in every image, the fallback below can go.
import { join } from "node:path";
import type Docker from "dockerode";
import { StagemakerError } from "../../contract";
import { followLogs } from "../containers/container-logs";

export interface ModelSchemas {
  instance: Record<string, unknown>;
  prediction: Record<string, unknown>;
}

/** `python -m server.schema` when the image has it, else the server's own JSON Schema builder. */
const SCRIPT = `
import importlib.util, json, runpy, sys
if importlib.util.find_spec("server.schema") is not None:
    runpy.run_module("server.schema", run_name="__main__")
else:
    from server.compat import json_schema
    from model.instance import Instance
    from model.prediction import Prediction
    ref = "#/$defs/{model}"
    print(json.dumps({"instance": json_schema(Instance, ref), "prediction": json_schema(Prediction, ref)}))
`;

export async function readModelSchemas(docker: Docker, image: string, projectDir: string, signal?: AbortSignal): Promise<ModelSchemas> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ["python", "-c", SCRIPT],
    Labels: { "com.stagemaker.managed": "true", "com.stagemaker.purpose": "export-schemas" },
    NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: "bind", Source: join(projectDir, "model"), Target: "/opt/program/model", ReadOnly: true }] },
  });
  const stop = () => void container.remove({ force: true }).catch(() => undefined);
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const lines = { stdout: [] as string[], stderr: [] as string[] };
    await followLogs(docker, container, (stream, line) => lines[stream].push(line), { follow: false, tail: 10_000 });
    if (signal?.aborted) throw new StagemakerError("cancelled", "Export cancelled.");
    if (StatusCode !== 0) {
      const reason = `Python could not read the Instance/Prediction schemas from model/ (exit ${StatusCode}): ${lines.stderr.at(-1) ?? ""}`;
      throw new StagemakerError("run-failed", `${reason}. Fix model/ and export again.`, { exitCode: StatusCode, reason, lastLogs: lines.stderr.slice(-20) });
    }
    const out = lines.stdout.filter((l) => l.trim()).at(-1) ?? "{}";
    const parsed = JSON.parse(out) as Partial<ModelSchemas>;
    if (!parsed.instance || !parsed.prediction) throw new StagemakerError("internal", `The schema reader printed no schemas: ${out.slice(0, 500)}`);
    return { instance: parsed.instance, prediction: parsed.prediction };
  } finally {
    signal?.removeEventListener("abort", stop);
    await container.remove({ force: true }).catch(() => undefined);
  }
}
