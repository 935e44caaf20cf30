// Keras 3 files → `stagemaker new --from` → build → run → invoke, on the real engine: JSON and CSV
// for a flat input, application/x-npy for an image input, each equal to Keras's own predict() in the
// trainer (JAX backend) on the same rows. The server runs Keras's NumPy backend.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCli } from "../testing/test-cli";
import { readNpy } from "../../contract";
import { float32Npy } from "./testing/npy";
import { type DeepEntry, trainDeepLearning } from "./testing/deep-learning-models";
import { cleanUpProject } from "../testing/throwaway-template";

const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const root = mkdtempSync(join(tmpdir(), "smk-keras-cli-"));
let entries: Record<string, DeepEntry> = {};
const made: string[] = [];

const cli = testCli(root, 1_200_000);

/** new --from, build, run: the project folder, ready for requests. */
async function serve(
  entry: DeepEntry,
  name: string,
): Promise<{ dir: string; plan: { introspection: { features: { name: string; shape?: number[] }[] } } }> {
  const dir = join(root, name);
  made.push(dir);
  const created = await cli(["--json", "new", dir, "--name", `smk-deeplearning-${name}`, "--from", join(entry.dir, entry.artifact)]);
  expect(created.code, created.stderr + created.stdout).toBe(0);
  const built = await cli(["build", dir]);
  expect(built.code, built.stderr).toBe(0);
  const run = await cli(["run", dir]);
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return { dir, plan: JSON.parse(created.stdout).value.plan };
}

const closeTo = (got: unknown, want: unknown) => {
  const g = (got as unknown[]).flat(Infinity) as number[];
  const w = (want as unknown[]).flat(Infinity) as number[];
  expect(g).toHaveLength(w.length);
  g.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 5));
};

beforeAll(async () => {
  entries = (await trainDeepLearning("keras")).entries;
}, 1_200_000 * factor);

afterAll(async () => {
  for (const dir of made) await cleanUpProject(dir);
});

describe("Keras 3 from a dropped file", () => {
  it("inspect reads the Keras version and layers from the archive's bytes, and a legacy .h5's attributes", async () => {
    const k = await cli(["--json", "inspect", join(entries["keras-image"]!.dir, "model.keras")]);
    expect(k.code, k.stderr).toBe(0);
    const [d] = JSON.parse(k.stdout).value.detections;
    expect(d).toMatchObject({ kind: "keras", format: "keras-zip", frameworkVersion: entries["keras-image"]!.version });
    expect(d.layers).toEqual(expect.arrayContaining(["Conv2D", "MaxPooling2D", "Dense"]));
    const h = await cli(["--json", "inspect", join(entries["keras-h5"]!.dir, "model.h5")]);
    expect(JSON.parse(h.stdout).value.detections[0]).toMatchObject({
      kind: "keras",
      format: "hdf5",
      frameworkVersion: entries["keras-h5"]!.version,
    });
  });

  it.concurrent(
    "a flat-input classifier answers JSON and CSV like Keras's predict()",
    async () => {
      const entry = entries["keras-flat"]!;
      const { dir, plan } = await serve(entry, "flat");
      const names = plan.introspection.features.map((f) => f.name);
      expect(names).toEqual(["f0", "f1", "f2", "f3"]);

      const instances = (entry.rows as number[][]).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
      const json = await cli(["invoke", dir, "--data", JSON.stringify({ instances })]);
      expect(json.code, json.stderr + json.stdout).toBe(0);
      const predictions = JSON.parse(json.stdout).predictions as { label: number; probabilities: number[] }[];
      expect(predictions.map((p) => p.label)).toEqual(entry.labels);
      closeTo(
        predictions.map((p) => p.probabilities),
        entry.outputs,
      );

      const csv = (entry.rows as number[][]).map((r) => r.join(",")).join("\n") + "\n";
      const answer = await cli(["invoke", dir, "--content-type", "text/csv", "--accept", "text/csv", "--data", csv]);
      expect(answer.code, answer.stderr + answer.stdout).toBe(0);
      expect(
        answer.stdout
          .trim()
          .split("\n")
          .map((line) => Number(line.split(",")[0])),
      ).toEqual(entry.labels);
      await cli(["stop", dir]);
    },
    1_200_000 * factor,
  );

  it.concurrent(
    "an image classifier takes application/x-npy (one tensor field) and answers like Keras's predict()",
    async () => {
      const entry = entries["keras-image"]!;
      const { dir, plan } = await serve(entry, "image");
      expect(plan.introspection.features).toEqual([{ name: "pixels", dtype: "float", shape: [8, 8, 1] }]);
      const port = (JSON.parse(readFileSync(join(dir, "stagemaker.json"), "utf8")) as { run: { hostPort: number } }).run.hostPort;
      const res = await fetch(`http://127.0.0.1:${port}/invocations`, {
        method: "POST",
        headers: { "Content-Type": "application/x-npy", Accept: "application/json" },
        body: new Uint8Array(float32Npy(entry.rows)),
      });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const predictions = (JSON.parse(text) as { predictions: { label: number; probabilities: number[] }[] }).predictions;
      expect(predictions.map((p) => p.label)).toEqual(entry.labels);
      closeTo(
        predictions.map((p) => p.probabilities),
        entry.outputs,
      );

      // The CLI twin: an .npy file sent as application/x-npy by its extension, the NPY answer kept as bytes.
      const file = join(root, "images.npy");
      writeFileSync(file, float32Npy(entry.rows));
      const viaCli = await cli(["invoke", dir, "--data", `@${file}`]);
      expect(viaCli.code, viaCli.stderr + viaCli.stdout).toBe(0);
      expect(JSON.parse(viaCli.stdout)).toEqual(JSON.parse(text));
      const out = join(root, "answer.npy");
      const asNpy = await cli(["invoke", dir, "--data", `@${file}`, "--accept", "application/x-npy", "--output", out]);
      expect(asNpy.code, asNpy.stderr).toBe(0);
      const answer = readNpy(readFileSync(out));
      expect(answer.shape).toEqual([entry.rows.length, 1 + (entry.outputs[0] as number[]).length]);
      expect((answer.values as number[][]).map((r) => r[0])).toEqual(entry.labels);
      closeTo(
        (answer.values as number[][]).map((r) => r.slice(1)),
        entry.outputs,
      );
      await cli(["stop", dir]);
    },
    1_200_000 * factor,
  );
});
