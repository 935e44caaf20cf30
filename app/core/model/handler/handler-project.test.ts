// model.handler on real folders and a real model.tar.gz (no engine needed: the host reads bytes only).
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";
import { describe, expect, it } from "vitest";
import { createServices } from "../../services";
import { throwawayTemplate } from "../../testing/throwaway-template";
import { defaultsFor, handlerFunctions } from "./handler-project";

const signal = new AbortController().signal;

async function project() {
  const workspaceDir = mkdtempSync(join(tmpdir(), "smk-handler-"));
  const templateDir = throwawayTemplate({ "requirements.txt": "# your requirements\n", "model/predictor.py": "x = 1\n" });
  const services = createServices({ workspaceDir, stateDir: join(workspaceDir, ".state"), templateDir });
  const p = await services["projects.create"]({ name: "Handler Test" }, { signal });
  return { services, p, workspaceDir };
}

const SCRIPT =
  "import json\n\ndef model_fn(model_dir):\n    return 1\n\ndef output_fn(prediction, accept):\n    return json.dumps(prediction), accept\n\n    def predict_fn(x):  # nested: not a handler\n        pass\n";

describe("model.handler", () => {
  it("unpacks script-mode model data, pins code/requirements.txt and sets SageMaker's variables", async () => {
    const { services, p } = await project();
    mkdirSync(join(p.dir, "artifacts"), { recursive: true });
    const pack = tarStream.pack();
    pack.entry({ name: "weights.bin" }, "not a model Stagemaker knows");
    pack.entry({ name: "code/inference.py" }, SCRIPT);
    pack.entry({ name: "code/requirements.txt" }, "pandas==2.2.3  # for input_fn\nnumpy==1.26.4\n");
    pack.finalize();
    await pipeline(pack, createGzip(), createWriteStream(join(p.dir, "artifacts", "model.tar.gz")));

    const h = (await services["model.handler"]({ project: p.dir, artifact: "model.tar.gz", onlyIfScript: true }, { signal }))!;
    expect(h).toMatchObject({ script: "code/inference.py", functions: ["model_fn", "output_fn"], defaults: "toolkit" });
    expect(h.model).toBeUndefined();
    expect(existsSync(join(p.dir, "artifacts", "model.tar.gz"))).toBe(false);
    expect(readFileSync(join(p.dir, "artifacts", "code", "inference.py"), "utf8")).toBe(SCRIPT);
    // The script's own pins, numpy included (not added twice).
    expect(h.requirements).toEqual(["pandas==2.2.3", "numpy==1.26.4"]);
    expect(readFileSync(join(p.dir, "requirements.txt"), "utf8")).toContain("pandas==2.2.3\nnumpy==1.26.4\n");
    const manifest = (await services["projects.open"]({ project: p.dir }, { signal })).manifest;
    expect(manifest.env).toEqual(
      expect.arrayContaining([
        { name: "SAGEMAKER_PROGRAM", value: "inference.py" },
        { name: "SAGEMAKER_SUBMIT_DIRECTORY", value: "/opt/ml/model/code" },
        { name: "STAGEMAKER_HANDLER_DEFAULTS", value: "toolkit" },
      ]),
    );
    // A handler project has no schema to read: the Invoke tab sends raw bodies.
    await expect(services["schemas.read"]({ project: p.dir, refresh: false }, { signal })).rejects.toThrow(
      /no Instance or Prediction schema/,
    );
  });

  it("moves an inference.py beside the model file into code/ and keeps a requirements.txt the person edited", async () => {
    const { services, p } = await project();
    mkdirSync(join(p.dir, "artifacts"), { recursive: true });
    writeFileSync(join(p.dir, "artifacts", "inference.py"), SCRIPT);
    writeFileSync(join(p.dir, "requirements.txt"), "torch==2.5.1\n");
    const h = (await services["model.handler"]({ project: p.dir, artifact: "inference.py", onlyIfScript: false }, { signal }))!;
    expect(existsSync(join(p.dir, "artifacts", "code", "inference.py"))).toBe(true);
    expect(existsSync(join(p.dir, "artifacts", "inference.py"))).toBe(false);
    expect(readFileSync(join(p.dir, "requirements.txt"), "utf8")).toBe("torch==2.5.1\n");
    expect(h.notes.join(" ")).toMatch(/You changed requirements.txt/);
  });

  it("refuses model data without an inference.py, saying what to do", async () => {
    const { services, p } = await project();
    mkdirSync(join(p.dir, "artifacts"), { recursive: true });
    writeFileSync(join(p.dir, "artifacts", "model.bin"), "x");
    // Asked whether it is a handler artifact: no, and nothing is touched (the app plans a predictor instead).
    const pack = tarStream.pack();
    pack.entry({ name: "model.joblib" }, "weights");
    pack.finalize();
    await pipeline(pack, createGzip(), createWriteStream(join(p.dir, "artifacts", "plain.tar.gz")));
    expect(await services["model.handler"]({ project: p.dir, artifact: "plain.tar.gz", onlyIfScript: true }, { signal })).toBeNull();
    expect(existsSync(join(p.dir, "artifacts", "plain.tar.gz"))).toBe(true);
    expect(await services["model.handler"]({ project: p.dir, artifact: "model.bin", onlyIfScript: true }, { signal })).toBeNull();
    await expect(services["model.handler"]({ project: p.dir, artifact: "model.bin", onlyIfScript: false }, { signal })).rejects.toThrow(
      /holds no inference.py.*Add your handler script as code\/inference.py/,
    );
  });

  it("reads the top-level handler functions and picks the container whose defaults fit", () => {
    expect(handlerFunctions("def transform_fn(model, body, ct, accept):\n    pass\n")).toEqual(["transform_fn"]);
    expect(handlerFunctions(SCRIPT)).toEqual(["model_fn", "output_fn"]);
    const joblib = { file: "model.joblib", size: 1, kind: "sklearn" as const, format: "joblib", modules: [], notes: [] };
    expect(defaultsFor(joblib, SCRIPT)).toBe("sklearn");
    expect(defaultsFor({ ...joblib, kind: "xgboost" }, SCRIPT)).toBe("xgboost");
    expect(defaultsFor(joblib, "import torch\n")).toBe("toolkit");
  });
});
