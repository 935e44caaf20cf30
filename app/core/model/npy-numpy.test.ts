// The .npy files Stagemaker writes (the invoke form's NPY bodies) loaded by NumPy itself, and arrays
// NumPy saves (every common dtype, Fortran order, a 0-d scalar) read back: NumPy runs in the Keras
// trainer image already on the engine, never on the host.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { readNpy, writeNpy } from "../../contract";
import { ensureTrainer, trainerTag } from "./testing/deep-learning-models";

process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;
const dir = mkdtempSync(join(tmpdir(), "smk-npy-numpy-"));

const SCRIPT = `
import json, sys
import numpy as np
seen = {}
for name in sys.argv[1:]:
    a = np.load(f"/d/{name}.npy", allow_pickle=False)
    seen[name] = {"dtype": str(a.dtype), "shape": list(a.shape), "values": a.tolist()}
rng = np.random.default_rng(3)
saved = {
    "float64": rng.normal(size=(3,)),
    "float32_image": rng.normal(size=(2, 4, 4, 3)).astype("float32"),
    "int32": np.arange(6, dtype="int32").reshape(2, 3),
    "uint8": np.arange(250, 256, dtype="uint8").reshape(1, 2, 3),
    "int64_big_endian": np.array([1, -2, 3], dtype=">i8"),
    "bool": np.array([[True, False, True]]),
    "fortran": np.asfortranarray(np.arange(6, dtype="float64").reshape(2, 3)),
    "scalar": np.array(2.5),
}
for name, a in saved.items():
    np.save(f"/d/saved_{name}.npy", a)
    seen["saved_" + name] = {"dtype": str(a.dtype.newbyteorder("=")), "shape": list(a.shape), "values": a.tolist()}
print(json.dumps(seen))
`;

const written = {
  f4: writeNpy(
    [
      [[0.5], [-1.25]],
      [[3], [4.75]],
    ],
    "f4",
  ),
  f8: writeNpy([0.1, 1 / 3, -2e-9], "f8"),
  i8: writeNpy([[1, -2, 3]], "i8"),
  b1: writeNpy([true, false, true], "b1"),
};

let seen: Record<string, { dtype: string; shape: number[]; values: unknown }> = {};

beforeAll(async () => {
  for (const [name, bytes] of Object.entries(written)) writeFileSync(join(dir, `${name}.npy`), bytes);
  const docker = new Docker();
  const tag = trainerTag("keras");
  await ensureTrainer(docker, "keras", tag);
  const user = process.getuid && process.getgid ? `${process.getuid()}:${process.getgid()}` : undefined;
  const container = await docker.createContainer({
    Image: tag,
    Entrypoint: ["python", "-c", SCRIPT],
    Cmd: Object.keys(written),
    User: user,
    Labels: { "com.stagemaker.test": "npy-numpy" },
    HostConfig: { Binds: [`${dir}:/d`], NetworkMode: "none" },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const out = (await container.logs({ stdout: true, stderr: true })).toString();
    expect(StatusCode, out).toBe(0);
    seen = JSON.parse(out.slice(out.indexOf("{"), out.lastIndexOf("}") + 1)) as typeof seen;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}, 1_200_000 * factor);

describe(".npy between Stagemaker and NumPy", () => {
  it("NumPy loads what the invoke form writes, with the dtype, shape and values meant", () => {
    expect(seen.f4).toEqual({
      dtype: "float32",
      shape: [2, 2, 1],
      values: [
        [[0.5], [-1.25]],
        [[3], [4.75]],
      ],
    });
    expect(seen.f8).toEqual({ dtype: "float64", shape: [3], values: [0.1, 1 / 3, -2e-9] });
    expect(seen.i8).toEqual({ dtype: "int64", shape: [1, 3], values: [[1, -2, 3]] });
    expect(seen.b1).toEqual({ dtype: "bool", shape: [3], values: [true, false, true] });
  });

  it("reads what NumPy saves: every common dtype, big-endian, Fortran order and a 0-d scalar", () => {
    const names = Object.keys(seen).filter((n) => n.startsWith("saved_"));
    expect(names).toHaveLength(8);
    for (const name of names) {
      const got = readNpy(readFileSync(join(dir, `${name}.npy`)));
      const want = seen[name]!;
      expect({ name, dtype: got.dtype, shape: got.shape }).toEqual({ name, dtype: want.dtype, shape: want.shape });
      if (want.dtype === "float32") {
        const g = [got.values].flat(Infinity) as number[];
        ([want.values].flat(Infinity) as number[]).forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
      } else expect(got.values, name).toEqual(want.values);
    }
  });
});
