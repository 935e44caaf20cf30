// The byte-level detectors on crafted, truncated and hostile files (no Python, no engine).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectArtifact } from "./detect-artifact";
import { scanPickle } from "./pickle-scan";
import { readZipManifest, kindFromZip } from "./zip-manifest";
import { zipOf } from "../testing/zip-of";

const dir = mkdtempSync(join(tmpdir(), "smk-detect-"));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

/** A small pickle writer for the opcodes the tests need. */
class P {
  parts: number[] = [];
  op(...b: number[]) {
    this.parts.push(...b);
    return this;
  }
  str(s: string) {
    const b = Buffer.from(s);
    return this.op(0x8c, b.length, ...b); // SHORT_BINUNICODE
  }
  global(module: string, name: string) {
    return this.str(module).str(name).op(0x93); // STACK_GLOBAL
  }
  bytes() {
    return Uint8Array.from(this.parts);
  }
}

/** What joblib writes for a float64 array of `n` values: the wrapper, BUILD, padding, raw bytes. */
function joblibArray(p: P, raw: number[]) {
  p.global("joblib.numpy_pickle", "NumpyArrayWrapper").op(0x29, 0x81); // EMPTY_TUPLE NEWOBJ
  p.op(0x7d, 0x28); // EMPTY_DICT MARK
  p.str("shape").op(0x4b, raw.length / 8, 0x85); // (n,)
  p.str("dtype").global("numpy", "dtype").str("f8").op(0x89, 0x88, 0x87, 0x52); // dtype("f8", False, True)
  p.op(0x28, 0x4b, 3).str("<").op(0x4e, 0x4e, 0x4e, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4b, 0, 0x74, 0x62); // state tuple, BUILD
  p.str("order").str("C").str("numpy_array_alignment_bytes").op(0x4b, 16);
  p.op(0x75, 0x62); // SETITEMS BUILD: the wrapper is complete, joblib writes the array now
  p.op(3, 0xff, 0xff, 0xff, ...raw); // padding length, padding, the array's bytes
}

function sklearnLike(): Uint8Array {
  const p = new P().op(0x80, 4);
  p.global("sklearn.preprocessing._data", "StandardScaler").op(0x29, 0x81, 0x7d, 0x28);
  p.str("mean_");
  joblibArray(p, [0x2e, 0x93, 0x63, 0x0a, 0x80, 0x2e, 0x2e, 0x2e, ...new Array(8).fill(0x2e)]); // bytes that look like opcodes
  p.str("_sklearn_version").str("1.5.2").op(0x75, 0x62, 0x2e);
  return p.bytes();
}

describe("pickle scanning", () => {
  it("steps over joblib's raw array bytes and finds the classes and _sklearn_version", () => {
    const scan = scanPickle(sklearnLike());
    expect(scan.complete).toBe(true);
    expect(scan.sklearnVersion).toBe("1.5.2");
    expect(scan.globals).toEqual(["sklearn.preprocessing._data.StandardScaler", "joblib.numpy_pickle.NumpyArrayWrapper", "numpy.dtype"]);
  });

  it("detects a joblib estimator, its version and module list", async () => {
    const d = await detectArtifact(file("scaler.joblib", sklearnLike()));
    expect(d).toMatchObject({
      kind: "sklearn",
      format: "joblib",
      frameworkVersion: "1.5.2",
      summary: "sklearn.preprocessing._data.StandardScaler",
    });
  });

  it("says a truncated pickle is truncated, at every cut, without throwing", async () => {
    const whole = sklearnLike();
    for (const cut of [3, 20, 60, whole.length - 30, whole.length - 1]) {
      const scan = scanPickle(whole.subarray(0, cut));
      expect(scan.complete, `cut at ${cut}`).toBe(false);
      expect(scan.problem).toMatch(/ends early|not a pickle opcode/);
    }
    const d = await detectArtifact(file("cut.joblib", whole.subarray(0, whole.length - 30)));
    expect(d.kind).toBe("sklearn");
    expect(d.notes.join(" ")).toContain("may be truncated");
  });

  it.each([
    [
      "GLOBAL os.system",
      new P()
        .op(0x80, 2, 0x63, ...Buffer.from("os\nsystem\n"))
        .str("id")
        .op(0x85, 0x52, 0x2e)
        .bytes(),
      "os.system",
    ],
    ["STACK_GLOBAL posix.system", new P().op(0x80, 4).global("posix", "system").str("id").op(0x85, 0x52, 0x2e).bytes(), "posix.system"],
    [
      "builtins.eval after a memo",
      new P().op(0x80, 4).str("builtins").op(0x94).str("eval").op(0x94, 0x93).str("1").op(0x85, 0x52, 0x2e).bytes(),
      "builtins.eval",
    ],
    [
      "subprocess.Popen inside a model",
      new P().op(0x80, 4).global("sklearn.pipeline", "Pipeline").op(0x29, 0x81).global("subprocess", "Popen").op(0x2e).bytes(),
      "subprocess.Popen",
    ],
  ])("refuses a pickle naming %s, with a message that says why", async (_label, bytes, name) => {
    const err = await detectArtifact(file(`hostile-${name}.pkl`, bytes)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid-input", detail: { dangerous: [name] } });
    expect((err as Error).message).toMatch(new RegExp(`would call ${name.replace(".", "\\.")} when loaded.*refuses it and never loads it`));
  });
});

describe("other formats", () => {
  it("reads XGBoost JSON and rejects JSON that is not a model", async () => {
    const model = {
      learner: { objective: { name: "binary:logistic" }, learner_model_param: { num_feature: "3" }, feature_names: [] },
      version: [2, 1, 4],
    };
    expect(await detectArtifact(file("m.json", JSON.stringify(model)))).toMatchObject({
      kind: "xgboost",
      format: "xgboost-json",
      frameworkVersion: "2.1.4",
    });
    expect((await detectArtifact(file("other.json", '{"a": 1}'))).kind).toBe("unknown");
    expect((await detectArtifact(file("half.json", JSON.stringify(model).slice(0, 40)))).kind).toBe("unknown");
  });

  it("reads the LightGBM text header", async () => {
    const d = await detectArtifact(
      file("m.txt", "tree\nversion=v4\nnum_class=1\nmax_feature_idx=2\nobjective=binary sigmoid:1\nfeature_names=a b c\n"),
    );
    expect(d).toMatchObject({ kind: "lightgbm", frameworkVersion: "4.x", summary: "binary sigmoid:1, 3 features" });
  });

  it("reads a CatBoost file's release, loss function and classes from its metadata strings", async () => {
    // The strings a real .cbm keeps (CatBoost 1.2.8 Logloss classifier), between binary FlatBuffers bytes.
    const meta =
      'Summary: CatBoost Release 1.2.8. commit_hash:2f3b\u0000{"loss_function":{"type":"Logloss","params":{}},"class_names":["no","yes"]}\u0000';
    const bytes = Buffer.concat([Buffer.from("CBM1"), Buffer.from([0xc8, 0x27, 0, 0, 0x14, 0, 0, 0]), Buffer.from(meta, "latin1")]);
    expect(await detectArtifact(file("m.cbm", bytes))).toMatchObject({
      kind: "catboost",
      format: "catboost-cbm",
      frameworkVersion: "1.2.8",
      summary: "Logloss, classes no, yes",
      notes: [],
    });
    // Cut before the metadata: still CatBoost, with no version and a note saying so (the pins fall back).
    const cut = await detectArtifact(file("cut.cbm", bytes.subarray(0, 12)));
    expect(cut).toMatchObject({ kind: "catboost", frameworkVersion: undefined, summary: "unknown loss function" });
    expect(cut.notes[0]).toContain("records no CatBoost release");
    // A class list cut in the middle is not trusted.
    const half = await detectArtifact(
      file("half.cbm", Buffer.concat([Buffer.from("CBM1"), Buffer.from('"class_names":["no","y', "latin1")])),
    );
    expect(half.summary).toBe("unknown loss function");
  });

  it("reads a .keras archive's Keras version and layer classes, and a legacy .h5's attributes", async () => {
    const config = {
      class_name: "Sequential",
      config: { layers: [{ class_name: "InputLayer" }, { class_name: "Conv2D" }, { class_name: "Dense" }] },
    };
    const keras = await detectArtifact(
      file(
        "m.keras",
        zipOf([
          ["metadata.json", Buffer.from('{"keras_version": "3.9.2"}')],
          ["config.json", Buffer.from(JSON.stringify(config))],
          "model.weights.h5",
        ]),
      ),
    );
    expect(keras).toMatchObject({
      kind: "keras",
      format: "keras-zip",
      frameworkVersion: "3.9.2",
      layers: ["Conv2D", "Dense", "InputLayer", "Sequential"],
    });
    const h5 = Buffer.concat([
      Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('\0keras_version\0\x19\x01GCOL\x003.1.1\0backend\0{"class_name": "LSTM"}'),
    ]);
    expect(await detectArtifact(file("m.h5", h5))).toMatchObject({
      kind: "keras",
      format: "hdf5",
      frameworkVersion: "3.1.1",
      layers: ["LSTM"],
    });
    const plain = await detectArtifact(file("data.h5", Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])));
    expect(plain).toMatchObject({ kind: "unknown", format: "hdf5" });
  });

  it("tells TorchScript and torch.export archives from torch.save pickles, which are refused with what to do", async () => {
    const ts = await detectArtifact(file("m.pt", zipOf(["m/constants.pkl", "m/code/__torch__.py", "m/data.pkl"])));
    expect(ts).toMatchObject({ kind: "pytorch", format: "torchscript-zip" });
    const pt2 = await detectArtifact(file("m.pt2", zipOf(["m/archive_format", "m/models/model.json", "m/data/weights/w0"])));
    expect(pt2).toMatchObject({ kind: "pytorch", format: "torch-export" });
    // A state_dict: an OrderedDict of tensors (persistent ids), no class of the person's.
    const stateDict = new P().op(0x80, 2).global("collections", "OrderedDict").op(0x29, 0x52, 0x2e).bytes();
    await expect(detectArtifact(file("w.pt", zipOf([["w/data.pkl", Buffer.from(stateDict)], "w/version"])))).rejects.toThrow(
      /state_dict.*torch\.jit\.save/,
    );
    const module = new P().op(0x80, 2).global("__main__", "Net").op(0x29, 0x81, 0x2e).bytes();
    await expect(detectArtifact(file("n.pt", zipOf([["n/data.pkl", Buffer.from(module)], "n/version"])))).rejects.toThrow(
      /__main__\.Net.*torch\.jit\.save/,
    );
  });

  it("reads a SavedModel's tags and TensorFlow version from saved_model.pb", async () => {
    // SavedModel{2: MetaGraphDef{1: MetaInfoDef{4: "serve", 5: "2.15.1"}}}, written by hand.
    const info = Buffer.concat([Buffer.from([0x22, 5]), Buffer.from("serve"), Buffer.from([0x2a, 6]), Buffer.from("2.15.1")]);
    const graph = Buffer.concat([Buffer.from([0x0a, info.length]), info]);
    const pb = Buffer.concat([Buffer.from([0x08, 1, 0x12, graph.length]), graph]);
    expect(await detectArtifact(file("saved_model.pb", pb))).toMatchObject({
      kind: "tensorflow",
      format: "saved-model",
      frameworkVersion: "2.15.1",
    });
  });

  it("calls random bytes and empty files unknown, with a note", async () => {
    const d = await detectArtifact(
      file(
        "noise.bin",
        Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251),
      ),
    );
    expect(d.kind).toBe("unknown");
    expect(d.notes[0]).toContain("write model/predictor.py yourself");
    expect((await detectArtifact(file("empty.onnx", ""))).format).toBe("empty");
  });
});

describe("zip manifests", () => {
  it("names a Keras archive from its entries", async () => {
    const m = await readZipManifest(file("m.keras", zipOf(["metadata.json", "config.json", "model.weights.h5"])));
    expect(kindFromZip(m)).toMatchObject({ kind: "keras", format: "keras-zip" });
  });

  it("reports entries that climb out of the folder (../, absolute) and never unpacks them", async () => {
    const path = file("evil.zip", zipOf(["ok.txt", "../../etc/cron.d/x", "/abs/path", "a/../../b"]));
    const m = await readZipManifest(path);
    expect(m.unsafe).toEqual(["../../etc/cron.d/x", "/abs/path", "a/../../b"]);
    const d = await detectArtifact(path);
    expect(d.notes.join(" ")).toContain("point outside its folder");
  });
});
