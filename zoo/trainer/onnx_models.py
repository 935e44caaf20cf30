"""ONNX entries from skl2onnx and onnxmltools (and CatBoost's own export), across opsets 13 to the
newest the converters write. Expected answers are onnxruntime's own first output on the rows."""

import os

import numpy as np
import pandas as pd

from common import entry, folder, frame, numeric, pick, save_expected


def _runtime_first_output(path, feeds, n):
    import onnxruntime

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    first = np.asarray(session.run(None, feeds)[0])
    return first.reshape(n, -1)[:, 0] if first.ndim > 1 else first


def _opsets(onx):
    return {(o.domain or "ai.onnx"): o.version for o in onx.opset_import}


def _write(name, onx, converter, what, x, rows, feeds=None, features=None):
    import onnx

    path = os.path.join(folder(name), "model.onnx")
    with open(path, "wb") as f:
        f.write(onx.SerializeToString())
    sample = x.iloc[rows] if isinstance(x, pd.DataFrame) else x[rows]
    if feeds is None:
        feeds = {onx.graph.input[0].name: np.asarray(sample, dtype=np.float32)}
    predictions = _runtime_first_output(path, feeds, len(rows))
    extra = {"opsets": _opsets(onx), "irVersion": onx.ir_version, "converter": converter, "onnx": onnx.__version__}
    save_expected(name, artifact="model.onnx", framework="onnx", version=onnx.__version__, fmt="onnx", what=what, x=sample, predictions=predictions, features=features, extra=extra)


def _skl2onnx_max():
    import onnx
    import skl2onnx

    return min(skl2onnx.__max_supported_opset__, onnx.defs.onnx_opset_version())


def _skl(name, make, opset, task, zipmap):
    import skl2onnx
    from skl2onnx import to_onnx

    x, y, target = numeric()
    x = x.astype(np.float32)
    labels = y if task == "classifier" else target
    model = make().fit(x, labels)
    op = opset if opset != "max" else _skl2onnx_max()
    options = {"zipmap": False} if task == "classifier" and not zipmap else None
    onx = to_onnx(model, x[:1], target_opset=op, options=options)
    what = f"{type(model).__name__} converted by skl2onnx {skl2onnx.__version__} at opset {op}" + (" (ZipMap probabilities)" if zipmap else "")
    _write(name, onx, f"skl2onnx {skl2onnx.__version__}", what, x, pick(labels))


def _sklearn_models():
    from sklearn import ensemble, linear_model, neural_network, svm
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic-regression-opset13": (lambda: linear_model.LogisticRegression(max_iter=500), 13, "classifier", False, ("np1", "np2")),
        "random-forest-opset15": (lambda: ensemble.RandomForestClassifier(n_estimators=10, max_depth=5, random_state=0), 15, "classifier", True, ("np2",)),
        "scaler-svc-opset17": (lambda: make_pipeline(StandardScaler(), svm.SVC()), 17, "classifier", False, ("np2",)),
        "gradient-boosting-regressor-opset19": (lambda: ensemble.GradientBoostingRegressor(n_estimators=15, random_state=0), 19, "regressor", False, ("np2",)),
        "mlp-classifier-newest-opset": (lambda: neural_network.MLPClassifier(hidden_layer_sizes=(8,), max_iter=300, random_state=0), "max", "classifier", True, ("np1", "np2")),
        "linear-regression-newest-opset": (lambda: linear_model.LinearRegression(), "max", "regressor", False, ("np2",)),
    }


for _name, (_make, _op, _task, _zip, _envs) in _sklearn_models().items():
    entry(f"onnx-skl2onnx-{_name}", envs=_envs)(lambda name, m=_make, o=_op, t=_task, z=_zip: _skl(name, m, o, t, z))


@entry("onnx-skl2onnx-columns-pipeline")
def columns_pipeline(name):
    """One input tensor per column, strings among them: the layout of a converted ColumnTransformer."""
    import skl2onnx
    from skl2onnx import to_onnx
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    df, y, _ = frame()
    df = df.dropna().reset_index(drop=True)
    y = np.where(df["income"] > 50_000, "high", "low")
    df["age"] = df["age"].astype(np.float32)
    df["income"] = df["income"].astype(np.float32)
    prep = ColumnTransformer([("num", StandardScaler(), ["age", "income"]), ("cat", OneHotEncoder(handle_unknown="ignore"), ["colour", "city"])])
    model = Pipeline([("prep", prep), ("model", LogisticRegression(max_iter=500))]).fit(df, y)
    op = _skl2onnx_max()
    onx = to_onnx(model, df[:1], target_opset=op, options={"zipmap": False})
    rows = pick(y)
    sample = df.iloc[rows]
    feeds = {c: sample[c].to_numpy().reshape(-1, 1).astype(np.float32 if c in ("age", "income") else object) for c in df.columns}
    what = f"Pipeline (ColumnTransformer, string columns) -> LogisticRegression by skl2onnx {skl2onnx.__version__}, one input per column, opset {op}"
    _write(name, onx, f"skl2onnx {skl2onnx.__version__}", what, df, rows, feeds=feeds, features=list(df.columns))


def _mltools_types(d):
    from onnxmltools.convert.common.data_types import FloatTensorType

    return [("input", FloatTensorType([None, d]))]


@entry("onnx-onnxmltools-xgboost-classifier")  # onnxmltools 1.12 (np1) fails on XGBoost 2 boosters
def mltools_xgboost(name):
    import onnxmltools
    import xgboost

    x, y, _ = numeric()
    x = x.astype(np.float32)
    clf = xgboost.XGBClassifier(n_estimators=10, max_depth=3).fit(x, y)
    onx = onnxmltools.convert_xgboost(clf, initial_types=_mltools_types(4), target_opset=15)
    _write(name, onx, f"onnxmltools {onnxmltools.__version__}", f"XGBClassifier {xgboost.__version__} converted by onnxmltools {onnxmltools.__version__} (opset 15)", x, pick(y))


@entry("onnx-onnxmltools-lightgbm-regressor", envs=("np1", "np2"))
def mltools_lightgbm(name):
    import lightgbm
    import onnxmltools

    x, _, target = numeric()
    x = x.astype(np.float32)
    reg = lightgbm.LGBMRegressor(n_estimators=15, verbose=-1).fit(x, target)
    op = 13 if name.startswith("np1") else 15  # onnxmltools converters write opset 15 at most
    onx = onnxmltools.convert_lightgbm(reg, initial_types=_mltools_types(4), target_opset=op)
    _write(name, onx, f"onnxmltools {onnxmltools.__version__}", f"LGBMRegressor {lightgbm.__version__} converted by onnxmltools {onnxmltools.__version__} (opset {op})", x, list(range(6)))


@entry("onnx-catboost-export-classifier")
def catboost_onnx(name):
    import catboost
    import onnx

    x, y, _ = numeric()
    x = x.astype(np.float32)
    clf = catboost.CatBoostClassifier(iterations=20, depth=3, verbose=False, allow_writing_files=False).fit(x, y)
    path = os.path.join(folder(name), "catboost.onnx")
    clf.save_model(path, format="onnx")
    onx = onnx.load(path)
    os.remove(path)
    _write(name, onx, f"catboost {catboost.__version__}", f"CatBoostClassifier exported by CatBoost {catboost.__version__}'s own ONNX writer", x, pick(y))
