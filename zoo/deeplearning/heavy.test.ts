// PyTorch and TensorFlow files → `stagemaker new --from` → build → run → invoke, on the real engine,
// equal to the framework's own outputs; a state_dict refused with what to do. Heavy images:
// `npm run test:deeplearning [-- -t torch]`.
import { execFile } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tarStream from "tar-stream";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { type DeepEntry, trainDeepLearning } from "../../app/core/model/testing/deep-learning-models";
import { zipOf } from "../../app/core/model/testing/zip-of";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-dl-heavy-"));
// pip's index settings from the environment are left out: the .pt2 case needs them unset.
const { PIP_INDEX_URL: _index, PIP_EXTRA_INDEX_URL: _extra, ...inherited } = process.env;
const env = {
  ...inherited,
  STAGEMAKER_STATE_DIR: join(root, "state"),
  STAGEMAKER_EXTRA_CA_CERTS: process.env.STAGEMAKER_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt",
};
const made: string[] = [];

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "node",
      ["bin/stagemaker.mjs", ...args],
      { env, timeout: 1_800_000 * factor, maxBuffer: 64 * 1024 ** 2 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** SageMaker model data: every file of the entry's folder (the model and its sidecars). */
async function modelData(entry: DeepEntry, name: string): Promise<string> {
  const pack = tarStream.pack();
  for (const f of readdirSync(entry.dir).filter((f) => f !== "expected.json")) pack.entry({ name: f }, await readFile(join(entry.dir, f)));
  pack.finalize();
  const path = join(root, `${name}.tar.gz`);
  await pipeline(pack, createGzip(), createWriteStream(path));
  return path;
}

async function servedAnswers(entry: DeepEntry, name: string, from: string) {
  const dir = join(root, name);
  made.push(dir);
  const created = await cli(["--json", "new", dir, "--name", `smk-deeplearning-${name}`, "--from", from]);
  expect(created.code, created.stderr + created.stdout).toBe(0);
  const plan = JSON.parse(created.stdout).value.plan as { introspection: { features: { name: string }[]; outputs: { name: string }[] } };
  expect((await cli(["build", dir])).code).toBe(0);
  const run = await cli(["run", dir]);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  const names = plan.introspection.features.map((f) => f.name);
  const instances = (entry.rows as unknown[][]).map((r) =>
    entry.input === "flat" ? Object.fromEntries(names.map((n, i) => [n, r[i]])) : { [names[0]!]: r },
  );
  const json = await cli(["invoke", dir, "--data", JSON.stringify({ instances })]);
  expect(json.code, json.stderr + json.stdout).toBe(0);
  const csv =
    entry.input === "flat"
      ? await cli([
          "invoke",
          dir,
          "--content-type",
          "text/csv",
          "--accept",
          "text/csv",
          "--data",
          (entry.rows as number[][]).map((r) => r.join(",")).join("\n") + "\n",
        ])
      : undefined;
  await cli(["stop", dir]);
  return { plan, predictions: JSON.parse(json.stdout).predictions as Record<string, unknown>[], csv };
}

const closeTo = (got: unknown, want: unknown) => {
  const g = [got].flat(Infinity) as number[];
  const w = [want].flat(Infinity) as number[];
  expect(g).toHaveLength(w.length);
  g.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 4));
};

afterAll(async () => {
  for (const dir of made) await cleanUpProject(dir);
});

describe("PyTorch (Debian's python3-torch: PyTorch's CPU index is not reachable here)", () => {
  let torch: { root: string; entries: Record<string, DeepEntry> };
  it("trains the entries", async () => {
    torch = await trainDeepLearning("torch");
    expect(Object.keys(torch.entries)).toEqual(expect.arrayContaining(["torchscript-mlp", "torchscript-cnn"]));
  });

  it("a TorchScript MLP with labels.txt answers JSON and CSV like its own forward", async () => {
    const entry = torch.entries["torchscript-mlp"]!;
    const { plan, predictions, csv } = await servedAnswers(entry, "torch-mlp", await modelData(entry, "torch-mlp"));
    expect(plan.introspection.features.map((f) => f.name)).toEqual(["features_0", "features_1", "features_2", "features_3", "features_4"]);
    const labels = ["low", "middle", "high"];
    expect(predictions.map((p) => p.label)).toEqual(entry.labels!.map((i) => labels[i]));
    closeTo(
      predictions.map((p) => p.scores),
      entry.outputs,
    );
    expect(
      csv!.stdout
        .trim()
        .split("\n")
        .map((l) => l.split(",")[0]),
    ).toEqual(entry.labels!.map((i) => labels[i]));
  });

  it("a traced CNN with input_shapes.json takes its image as one tensor field", async () => {
    const entry = torch.entries["torchscript-cnn"]!;
    const { plan, predictions } = await servedAnswers(entry, "torch-cnn", await modelData(entry, "torch-cnn"));
    expect(plan.introspection.features).toEqual([expect.objectContaining({ shape: [1, 8, 8] })]);
    closeTo(
      predictions.map((p) => p.prediction),
      entry.outputs,
    );
  });

  it("a state_dict and a pickled module are refused with what to do, and no project is made", async () => {
    for (const [name, file, words] of [
      ["torch-state-dict", "weights.pt", "state_dict"],
      ["torch-module-pickle", "model.pt", "torch.save of a module"],
    ] as const) {
      const dir = join(root, `refused-${name}`);
      const r = await cli(["new", dir, "--from", join(torch.root, name, file)]);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toContain(words);
      expect(r.stderr).toContain("torch.jit.save");
      expect(existsSync(join(dir, "stagemaker.json"))).toBe(false);
    }
  });
});

describe("a torch.export program (.pt2) where PyTorch's CPU index is not in pip's settings", () => {
  // torch.export needs torch 2; this machine has Debian's 1.13 (no torch.export), PyPI's torch 2.5.1
  // does not import without its CUDA libraries (measured: `pip install --no-deps torch==2.5.1` →
  // "libcublas.so.*[0-9] not found"), and PyTorch's CPU index is unreachable. So the archive is
  // written here with torch 2.5's entry names (what detection reads), and the test covers what
  // is true here: the refusal before any image build, with what to do.
  it("is refused before the build, naming the index and the setting to add; nothing is generated", async () => {
    const file = join(root, "model.pt2");
    const names = [
      "serialized_exported_program.json",
      "serialized_state_dict.pt",
      "serialized_constants.pt",
      "serialized_example_inputs.pt",
      "version",
    ];
    writeFileSync(file, zipOf(names.map((n) => `model/${n}`)));
    const dir = join(root, "refused-pt2");
    made.push(dir);
    const r = await cli(["new", dir, "--name", "smk-deeplearning-pt2", "--from", file]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain("torch 2.5.1+cpu is not on PyPI but on https://download.pytorch.org/whl/cpu");
    expect(r.stderr).toContain("stagemaker settings --pip-extra-index-url https://download.pytorch.org/whl/cpu");
    expect(r.stderr).toContain("2.5.1 (CUDA, torch 2.5.1 from PyPI");
    expect(r.stderr).not.toContain("python3-torch 1.13.1");
    // No half-made project is left (as after any failed plan): the folder `new` made is removed again.
    expect(existsSync(join(dir, "stagemaker.json"))).toBe(false);
    expect(existsSync(join(dir, "requirements.txt"))).toBe(false);
  });
});

describe("TensorFlow SavedModel (SageMaker TF Serving layout in model.tar.gz)", () => {
  it("answers JSON and CSV like its serving_default signature", async () => {
    const entry = (await trainDeepLearning("tensorflow")).entries["savedmodel-regressor"]!;
    const inspect = await cli(["--json", "inspect", join(entry.dir, "model.tar.gz")]);
    const detections = JSON.parse(inspect.stdout).value.detections as { file: string; kind: string; frameworkVersion?: string }[];
    expect(detections).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: "1/saved_model.pb", kind: "tensorflow", frameworkVersion: entry.version })]),
    );
    const { predictions, csv } = await servedAnswers(entry, "savedmodel", join(entry.dir, "model.tar.gz"));
    closeTo(
      predictions.map((p) => Object.values(p)[0]),
      entry.outputs,
    );
    closeTo(
      csv!.stdout
        .trim()
        .split("\n")
        .map((l) => Number(l.split(",")[0])),
      entry.outputs,
    );
  });
});

describe("Keras 3 with a layer only TensorFlow runs (the fallback from the NumPy backend)", () => {
  // IntegerLookup: under Keras 3.12's NumPy and JAX backends, load_model raises "Layer
  // IntegerLookup requires TensorFlow" (measured in the Keras trainer image, which has no TensorFlow).
  it("is served on the TensorFlow backend with tensorflow-cpu, says so, and answers like its own predict", async () => {
    const entry = (await trainDeepLearning("tensorflow")).entries["keras-integer-lookup"]!;
    const { plan, predictions, csv } = await servedAnswers(entry, "keras-lookup", join(entry.dir, entry.artifact));
    const { notes, requirements } = plan as unknown as { notes: string[]; requirements: string[] };
    expect(notes.join(" ")).toContain("IntegerLookup need TensorFlow");
    expect(requirements).toEqual(expect.arrayContaining([expect.stringMatching(/^tensorflow-cpu==/), `keras==${entry.version}`]));
    expect(requirements.some((r) => r.startsWith("jax"))).toBe(false);
    expect(predictions.map((p) => p.label)).toEqual(entry.labels);
    closeTo(
      predictions.map((p) => p.probabilities),
      entry.outputs,
    );
    expect(
      csv!.stdout
        .trim()
        .split("\n")
        .map((l) => Number(l.split(",")[0])),
    ).toEqual(entry.labels);
  });
});
