// Field names, types and the generated modules, from introspection results (no engine).
import { describe, expect, it } from "vitest";
import type { Detection, Introspection } from "../../../contract";
import { pinsFor } from "../requirements/framework-pins";
import { generateFiles } from "./generate-files";
import { pythonName } from "./schema-code";

const detection: Detection = { file: "model.joblib", size: 10, kind: "sklearn", format: "joblib", frameworkVersion: "1.2.1", modules: [], notes: [], numpy: "1" };

describe("field names", () => {
  it("makes valid, unique Python identifiers and keeps them readable", () => {
    const taken = new Set<string>();
    expect(["sepal length (cm)", "1st", "class", "a-b", "a_b", "", "naïve"].map((n) => pythonName(n, taken))).toEqual([
      "sepal_length_cm", "f_1st", "class_", "a_b", "a_b_2", "field", "naive",
    ]);
  });
});

describe("generated files", () => {
  const info: Introspection = {
    kind: "sklearn",
    frameworkVersion: "1.2.1",
    task: "classification",
    features: [
      { name: "petal length (cm)", dtype: "float" },
      { name: "colour", dtype: "str", categories: ["red", 'say "hi"'] },
      { name: "count", dtype: "int" },
    ],
    namedFeatures: true,
    classes: ["setosa", "versicolor"],
    classType: "str",
    probabilities: true,
  };
  const files = Object.fromEntries(generateFiles(detection, info, pinsFor(detection)).files.map((f) => [f.path, f.content]));

  it("gives one field per feature in order, aliases for renamed ones, Literal categories", () => {
    const instance = files["model/instance.py"]!;
    const fields = instance.split("\n").filter((l) => /^ {4}\w+: [A-Za-z]/.test(l));
    expect(fields).toEqual([
      '    petal_length_cm: float = Field(alias="petal length (cm)")',
      '    colour: Literal["red", "say \\"hi\\""]',
      "    count: int",
    ]);
    expect(instance).toContain('model_config = {"populate_by_name": True}');
  });

  it("puts the class first, then one probability per class in the model's order", () => {
    const fields = files["model/prediction.py"]!.split("\n").filter((l) => /^ {4}\w+: /.test(l));
    expect(fields).toEqual(['    label: Literal["setosa", "versicolor"]', "    probability_setosa: float", "    probability_versicolor: float"]);
  });

  it("pins the recorded version with numpy < 2 for scikit-learn 1.2 and says what Debian has", () => {
    expect(files["requirements.txt"]).toContain("scikit-learn==1.2.1\nnumpy==1.24.4\nscipy==1.10.1\npandas==2.0.3");
    expect(files["system-packages.txt"]).toContain("python3-sklearn python3-pandas");
  });

  it("loads the artifact by name from artifacts_dir once and predicts with a DataFrame", () => {
    const p = files["model/predictor.py"]!;
    expect(p).toContain('ARTIFACT = "model.joblib"');
    expect(p).toContain("joblib.load(os.path.join(config.artifacts_dir, ARTIFACT))");
    expect(p).toContain('("petal_length_cm", "petal length (cm)")');
    expect(p).toContain("pd.DataFrame(rows(instances), columns=[column for _, column in FEATURES])");
  });
});

describe("a CatBoost model", () => {
  const cb: Detection = { file: "model.cbm", size: 10, kind: "catboost", format: "catboost-cbm", frameworkVersion: "1.2.8", modules: [], notes: [] };
  const info: Introspection = {
    kind: "catboost",
    frameworkVersion: "1.2.8",
    task: "classification",
    objective: "Logloss",
    features: [{ name: "length", dtype: "float" }, { name: "colour", dtype: "str" }],
    namedFeatures: true,
    classes: ["no", "yes"],
    classType: "str",
    probabilities: true,
  };
  const files = Object.fromEntries(generateFiles(cb, info, pinsFor(cb)).files.map((f) => [f.path, f.content]));

  it("predicts with CatBoost's own classifier on a DataFrame with the model's column names", () => {
    const p = files["model/predictor.py"]!;
    expect(p).toContain("self.model = catboost.CatBoostClassifier()");
    expect(p).toContain("pd.DataFrame(rows(instances), columns=[column for _, column in FEATURES])");
    expect(p).toContain("self.model.predict_proba(batch)");
    expect(files["requirements.txt"]).toContain("catboost==1.2.8\nnumpy==1.26.4");
  });

  it("feeds positional features as rows, and imports no pandas it does not use", () => {
    const reg = { ...info, task: "regression" as const, objective: "RMSE", namedFeatures: false, probabilities: false, classes: undefined, classType: undefined };
    const p = generateFiles(cb, reg, pinsFor(cb)).files.find((f) => f.path === "model/predictor.py")!.content;
    expect(p).toContain("catboost.CatBoostRegressor()");
    expect(p).toContain("batch = rows(instances)");
    expect(p).not.toContain("import pandas");
  });

  it("pins the default release, with a note, for a file outside the table", () => {
    expect(pinsFor({ ...cb, frameworkVersion: "0.26" })).toMatchObject({ requirements: expect.arrayContaining(["catboost==1.2.8"]), notes: [expect.stringContaining("outside the tested table")] });
  });
});

describe("the compatibility table", () => {
  const sk = (v: string | undefined, numpy?: "1" | "2") => pinsFor({ ...detection, frameworkVersion: v, numpy });
  it("follows the numpy a pickle was written with, where the framework allows", () => {
    expect(sk("1.5.2", "2").requirements).toContain("numpy==2.0.2");
    expect(sk("1.5.2", "1").requirements).toContain("numpy==1.26.4");
    expect(sk("1.2.1", "2").notes.join(" ")).toContain("does not support");
  });
  it("falls back with a note for versions outside the table or without wheels", () => {
    expect(sk("1.1.0").requirements[0]).toBe("scikit-learn==1.1.3");
    expect(sk("0.24.2").notes[0]).toContain("outside the tested table");
    expect(sk(undefined).notes[0]).toContain("records no scikit-learn version");
  });
  it("uses xgboost-cpu from 2.1 and the last patch for a legacy binary's major.minor", () => {
    const x = (v: string) => pinsFor({ ...detection, kind: "xgboost", frameworkVersion: v }).requirements[0];
    expect(x("2.1.4")).toBe("xgboost-cpu==2.1.4");
    expect(x("2.1")).toBe("xgboost-cpu==2.1.4");
    expect(x("1.7")).toBe("xgboost==1.7.6");
  });
});
