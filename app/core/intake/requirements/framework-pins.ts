// Which packages load a detected model: the framework version the file records, with a numpy and a
// scipy known to work with it on the template's Python (3.11, Debian bookworm).
import type { Detection } from "../../../contract";

export interface Pins {
  requirements: string[];
  /** Debian packages the model needs at run time (system-packages.txt). */
  systemPackages: string[];
  /** Debian bookworm packages that replace requirements.txt in the offline flavour, when Debian has the version. */
  debian?: { packages: string[]; version: string };
  notes: string[];
}

interface Row {
  numpy: string;
  /** numpy 2 for files pickled under numpy 2 (names numpy._core), when the framework supports it. */
  numpy2?: string;
  scipy: string;
  pandas?: string;
}

/** scikit-learn minor → the set tested with it; versions before 1.1.3 have no Python 3.11 wheels. */
export const SKLEARN: Record<string, Row & { oldest: string; latest: string }> = {
  "1.1": { oldest: "1.1.3", latest: "1.1.3", numpy: "1.23.5", scipy: "1.9.3", pandas: "1.5.3" },
  "1.2": { oldest: "1.2.0", latest: "1.2.2", numpy: "1.24.4", scipy: "1.10.1", pandas: "2.0.3" },
  "1.3": { oldest: "1.3.0", latest: "1.3.2", numpy: "1.26.4", scipy: "1.11.4", pandas: "2.1.4" },
  "1.4": { oldest: "1.4.2", latest: "1.4.2", numpy: "1.26.4", numpy2: "2.0.2", scipy: "1.13.1", pandas: "2.2.3" },
  "1.5": { oldest: "1.5.0", latest: "1.5.2", numpy: "1.26.4", numpy2: "2.0.2", scipy: "1.13.1", pandas: "2.2.3" },
  "1.6": { oldest: "1.6.0", latest: "1.6.1", numpy: "1.26.4", numpy2: "2.2.6", scipy: "1.15.3", pandas: "2.2.3" },
  "1.7": { oldest: "1.7.0", latest: "1.7.2", numpy: "1.26.4", numpy2: "2.2.6", scipy: "1.15.3", pandas: "2.2.3" },
};
const SKLEARN_DEFAULT = "1.5";

/** XGBoost minor → the last patch; 2.1 and later come as xgboost-cpu (no CUDA libraries, 10× smaller). */
export const XGBOOST: Record<string, string> = {
  "1.3": "1.3.3", "1.4": "1.4.2", "1.5": "1.5.2", "1.6": "1.6.2", "1.7": "1.7.6", "2.0": "2.0.3", "2.1": "2.1.4",
};
const XGBOOST_DEFAULT = "2.1.4";

/** CatBoost releases with Python 3.11 wheels on PyPI; files from others get the nearest (or the default). */
export const CATBOOST = ["1.2", "1.2.1", "1.2.1.1", "1.2.2", "1.2.3", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.2.10"];
const CATBOOST_DEFAULT = "1.2.8";

const minorOf = (v: string | undefined) => /^(\d+)\.(\d+)/.exec(v ?? "")?.slice(1, 3).join(".");
const cmp = (a: string, b: string) => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

export function pinsFor(d: Detection): Pins {
  switch (d.kind) {
    case "sklearn": return sklearnPins(d);
    case "xgboost": return xgboostPins(d.frameworkVersion);
    case "lightgbm": {
      const v3 = d.frameworkVersion === "3.x";
      return {
        requirements: v3 ? ["lightgbm==3.3.5", "numpy==1.26.4", "scipy==1.11.4"] : ["lightgbm==4.5.0", "numpy==2.2.6", "scipy==1.15.3"],
        systemPackages: ["libgomp1"],
        notes: [`LightGBM text files record their format (${d.frameworkVersion ?? "unknown"}), not the exact package version: pinned to the last tested release of that line.`],
      };
    }
    case "catboost":
      return catboostPins(d.frameworkVersion);
    case "onnx":
      return { requirements: ["onnxruntime==1.20.1", "numpy==2.2.6"], systemPackages: [], notes: [] };
    default:
      return { requirements: [], systemPackages: [], notes: [] };
  }
}

function sklearnPins(d: Detection): Pins {
  const notes: string[] = [];
  const minor = minorOf(d.frameworkVersion);
  let row = minor ? SKLEARN[minor] : undefined;
  let version = d.frameworkVersion ?? "";
  if (!row || !/^\d+\.\d+\.\d+$/.test(version)) {
    const fallback = row ?? SKLEARN[SKLEARN_DEFAULT]!;
    notes.push(
      d.frameworkVersion
        ? `The file was written by scikit-learn ${d.frameworkVersion}, outside the tested table: pinned ${fallback.latest}; change requirements.txt if it does not load.`
        : `The file records no scikit-learn version: pinned ${fallback.latest}.`,
    );
    row = fallback;
    version = fallback.latest;
  } else if (cmp(version, row.oldest) < 0) {
    notes.push(`scikit-learn ${version} has no wheels for Python 3.11: pinned ${row.oldest}, the nearest that has.`);
    version = row.oldest;
  }
  let numpy = row.numpy;
  if (d.numpy === "2") {
    if (row.numpy2) numpy = row.numpy2;
    else notes.push(`The file was pickled under numpy 2, which scikit-learn ${version} does not support: it may not load.`);
  }
  const requirements = [`scikit-learn==${version}`, `numpy==${numpy}`, `scipy==${row.scipy}`, `pandas==${row.pandas}`];
  if (d.modules.some((m) => m.startsWith("xgboost"))) requirements.push(`xgboost-cpu==${XGBOOST_DEFAULT}`);
  if (d.modules.some((m) => m.startsWith("lightgbm"))) requirements.push("lightgbm==4.5.0");
  const debian = minor === "1.2" ? { packages: ["python3-sklearn", "python3-pandas"], version: "scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1" } : undefined;
  return { requirements, systemPackages: [], debian, notes };
}

function xgboostPins(recorded: string | undefined): Pins {
  const notes: string[] = [];
  const minor = minorOf(recorded);
  let version = recorded && /^\d+\.\d+\.\d+$/.test(recorded) ? recorded : minor ? XGBOOST[minor] : undefined;
  if (!version) {
    notes.push(`The file records no usable XGBoost version: pinned ${XGBOOST_DEFAULT}.`);
    version = XGBOOST_DEFAULT;
  }
  const cpu = cmp(version, "2.1.0") >= 0;
  const old = cmp(version, "1.6.0") < 0;
  const requirements = [
    `${cpu ? "xgboost-cpu" : "xgboost"}==${version}`,
    `numpy==${cpu ? "2.2.6" : old ? "1.23.5" : "1.26.4"}`,
    `scipy==${cpu ? "1.15.3" : old ? "1.9.3" : "1.11.4"}`,
  ];
  if (!cpu) notes.push(`XGBoost ${version} wheels carry GPU code (about 200 MB); 2.1 and later come as the smaller xgboost-cpu.`);
  const debian = minorOf(version) === "1.7" ? { packages: ["python3-xgboost"], version: "xgboost 1.7.4" } : undefined;
  return { requirements, systemPackages: ["libgomp1"], debian, notes };
}

function catboostPins(recorded: string | undefined): Pins {
  const notes: string[] = [];
  let version = recorded && CATBOOST.includes(recorded) ? recorded : undefined;
  if (!version) {
    version = CATBOOST_DEFAULT;
    notes.push(recorded ? `CatBoost ${recorded} is outside the tested table: pinned ${version}; change requirements.txt if it does not load.` : `The file records no CatBoost release: pinned ${version}.`);
  }
  // Releases before 1.2.7 were built against numpy 1; numpy 1.26 loads every 1.2.x release.
  return { requirements: [`catboost==${version}`, "numpy==1.26.4", "scipy==1.13.1", "pandas==2.2.3"], systemPackages: [], notes };
}

/** Every requirement set the table can produce, for checking that pip resolves each (scripts/check-framework-pins.ts). */
export function tableRows(): string[][] {
  const base: Detection = { file: "m", size: 1, kind: "sklearn", format: "joblib", modules: [], notes: [] };
  const rows: string[][] = [];
  for (const [minor, row] of Object.entries(SKLEARN)) {
    rows.push(pinsFor({ ...base, frameworkVersion: row.latest }).requirements);
    if (row.numpy2) rows.push(pinsFor({ ...base, frameworkVersion: row.latest, numpy: "2" }).requirements);
    if (row.oldest !== row.latest) rows.push(pinsFor({ ...base, frameworkVersion: row.oldest }).requirements);
    void minor;
  }
  for (const v of Object.values(XGBOOST)) rows.push(pinsFor({ ...base, kind: "xgboost", frameworkVersion: v }).requirements);
  for (const v of ["3.x", "4.x"]) rows.push(pinsFor({ ...base, kind: "lightgbm", frameworkVersion: v }).requirements);
  for (const v of CATBOOST) rows.push(pinsFor({ ...base, kind: "catboost", frameworkVersion: v }).requirements);
  rows.push(pinsFor({ ...base, kind: "onnx" }).requirements);
  return rows;
}
