"""Trains the intake tests' small models and writes, per model, the artifact plus the rows to
predict and the framework's own predictions on them (expected.json), into the mounted /out."""

import json
import os
import sys

import numpy as np
import pandas as pd

OUT = sys.argv[1] if len(sys.argv) > 1 else "/out"
rng = np.random.default_rng(7)


def save_expected(name, artifact, rows, predictions, probabilities=None):
    """rows: list of lists in feature order; predictions: the framework's own predict();
    probabilities: a classifier's own predict_proba() per row, by class (see by_class)."""
    folder = os.path.join(OUT, name)
    expected = {"artifact": artifact, "rows": rows, "predictions": [p.item() if hasattr(p, "item") else p for p in predictions]}
    if probabilities is not None:
        expected["probabilities"] = probabilities
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f)


def by_class(model, rows):
    """predict_proba() per row as {class: probability}, in the model's own class order."""
    return [{str(c): float(p) for c, p in zip(model.classes_, row)} for row in model.predict_proba(rows)]


def folder(name):
    path = os.path.join(OUT, name)
    os.makedirs(path, exist_ok=True)
    return path


def mixed(y, n=6):
    """Row indexes covering every class (so a wrong class order cannot pass unnoticed)."""
    picked = []
    for value in np.unique(y):
        picked.extend(np.flatnonzero(y == value)[: max(1, n // len(np.unique(y)))].tolist())
    return sorted(picked)[:n] if len(picked) >= n else sorted(picked)


def iris_like(n=120):
    x = rng.normal(size=(n, 4))
    y = (x[:, 0] + x[:, 1] > 0).astype(int) + (x[:, 2] > 0.8).astype(int)
    return x, y


def sklearn_pipeline():
    """A Pipeline with a ColumnTransformer over a DataFrame with string columns."""
    import joblib
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    n = 150
    df = pd.DataFrame({
        "sepal length (cm)": rng.normal(5, 1, n),
        "colour": rng.choice(["red", "green", "blue"], n),
        "age": rng.integers(1, 90, n),
    })
    y = np.where((df["sepal length (cm)"] > 5) & (df["colour"] != "blue"), "yes", "no")
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), ["sepal length (cm)", "age"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["colour"]),
        ])),
        ("clf", RandomForestClassifier(n_estimators=10, random_state=0)),
    ]).fit(df, y)
    joblib.dump(model, os.path.join(folder("sklearn"), "model.joblib"))
    rows = df.iloc[mixed(y)]
    save_expected("sklearn", "model.joblib", rows.values.tolist(), model.predict(rows))


def xgboost_models():
    import xgboost as xgb

    x, y = iris_like()
    names = ["petal_len", "petal width", "a", "b"]
    clf = xgb.XGBClassifier(n_estimators=8, max_depth=3).fit(pd.DataFrame(x, columns=names), y)
    rows = x[mixed(y)]
    for fmt in ("json", "ubj"):
        name = f"xgboost-{fmt}"
        clf.save_model(os.path.join(folder(name), f"model.{fmt}"))
        save_expected(name, f"model.{fmt}", rows.tolist(), clf.predict(pd.DataFrame(rows, columns=names)))
    # The legacy binary format, from a binary classifier trained on bare numpy (no feature names).
    yb = (x[:, 0] > 0).astype(int)
    binary = xgb.XGBClassifier(n_estimators=8, max_depth=3).fit(x, yb)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        binary.get_booster().save_model(os.path.join(folder("xgboost-binary"), "model.deprecated"))
    os.rename(os.path.join(OUT, "xgboost-binary", "model.deprecated"), os.path.join(OUT, "xgboost-binary", "model.bin"))
    rows = x[mixed(yb)]
    save_expected("xgboost-binary", "model.bin", rows.tolist(), binary.predict(rows))


def lightgbm_model():
    import lightgbm as lgb

    x, y = iris_like()
    reg_target = x[:, 0] * 2 + x[:, 1]
    reg = lgb.LGBMRegressor(n_estimators=10, verbose=-1).fit(pd.DataFrame(x, columns=["w", "x", "y", "z"]), reg_target)
    reg.booster_.save_model(os.path.join(folder("lightgbm"), "model.txt"))
    rows = x[:6]
    save_expected("lightgbm", "model.txt", rows.tolist(), reg.predict(pd.DataFrame(rows, columns=["w", "x", "y", "z"])))


def catboost_model():
    """A CatBoost classifier with a categorical string column and string labels."""
    from catboost import CatBoostClassifier

    n = 150
    df = pd.DataFrame({
        "length": rng.normal(5, 1, n),
        "colour": rng.choice(["red", "green", "blue"], n),
        "age": rng.integers(1, 90, n).astype(float),
    })
    y = np.where((df["length"] > 5) & (df["colour"] != "blue"), "yes", "no")
    clf = CatBoostClassifier(iterations=20, depth=3, verbose=False, allow_writing_files=False, cat_features=["colour"]).fit(df, y)
    clf.save_model(os.path.join(folder("catboost"), "model.cbm"))
    rows = df.iloc[mixed(y)]
    save_expected("catboost", "model.cbm", rows.values.tolist(), clf.predict(rows))


def onnx_model():
    from skl2onnx import to_onnx
    from sklearn.linear_model import LogisticRegression

    x, y = iris_like()
    x = x.astype(np.float32)
    clf = LogisticRegression(max_iter=200).fit(x, y)
    # Opset 22, what skl2onnx writes today: onnxruntime before 1.21 cannot load it.
    onx = to_onnx(clf, x[:1], options={"zipmap": False}, target_opset={"": 22, "ai.onnx.ml": 3})
    assert max(o.version for o in onx.opset_import if o.domain in ("", "ai.onnx")) == 22
    onx.ir_version = 10  # as onnx 1.17 writes it (onnx 1.18 writes IR 11, which needs onnxruntime 1.23)
    with open(os.path.join(folder("onnx"), "model.onnx"), "wb") as f:
        f.write(onx.SerializeToString())
    rows = x[mixed(y)]
    save_expected("onnx", "model.onnx", rows.tolist(), clf.predict(rows))


REVIEWS = [
    "a great film, wonderful acting", "terrible plot and boring scenes", "wonderful, great fun",
    "boring, awful, a waste of time", "great music and a wonderful cast", "awful acting, terrible",
    "an ok film, nothing special", "fine but forgettable, ok", "great great great", "awful boring",
] * 4
SENTIMENT = ["pos", "neg", "pos", "neg", "pos", "neg", "meh", "meh", "pos", "neg"] * 4


def sklearn_text():
    """One string column in: TfidfVectorizer -> LogisticRegression, string labels."""
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = Pipeline([("tfidf", TfidfVectorizer()), ("clf", LogisticRegression(max_iter=500))])
    model.fit(REVIEWS, SENTIMENT)
    joblib.dump(model, os.path.join(folder("sklearn-text"), "model.joblib"))
    rows = [REVIEWS[0], REVIEWS[1], REVIEWS[6], "a wonderful cast, never boring"]
    save_expected("sklearn-text", "model.joblib", [[r] for r in rows], model.predict(rows), by_class(model, rows))


def sklearn_text_columns():
    """A ColumnTransformer with a text column beside a number, on a DataFrame."""
    import joblib
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    df = pd.DataFrame({"review": REVIEWS, "stars": rng.integers(1, 6, len(REVIEWS)).astype(float)})
    model = Pipeline([
        ("prep", ColumnTransformer([("words", CountVectorizer(), "review"), ("num", StandardScaler(), ["stars"])])),
        ("clf", LogisticRegression(max_iter=500)),
    ]).fit(df, SENTIMENT)
    joblib.dump(model, os.path.join(folder("sklearn-text-columns"), "model.joblib"))
    rows = df.iloc[[0, 1, 6, 7]]
    save_expected("sklearn-text-columns", "model.joblib", rows.values.tolist(), model.predict(rows))


def sklearn_gbc():
    """GradientBoostingClassifier on bare numpy, saved with pickle (it names sklearn's _loss)."""
    import pickle
    from sklearn.ensemble import GradientBoostingClassifier

    x, y = iris_like()
    clf = GradientBoostingClassifier(n_estimators=10, random_state=0).fit(x, y)
    with open(os.path.join(folder("sklearn-gbc"), "model.pkl"), "wb") as f:
        pickle.dump(clf, f)
    rows = x[mixed(y)]
    save_expected("sklearn-gbc", "model.pkl", rows.tolist(), clf.predict(rows))


def framework_estimators():
    """LGBMClassifier (string labels, DataFrame) and XGBClassifier pickled with joblib."""
    import joblib
    import lightgbm as lgb
    import xgboost as xgb

    x, y = iris_like()
    names = ["w", "x", "y", "z"]
    df = pd.DataFrame(x, columns=names)
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    lgbm = lgb.LGBMClassifier(n_estimators=10, verbose=-1).fit(df, labels)
    joblib.dump(lgbm, os.path.join(folder("lightgbm-sklearn"), "model.joblib"))
    rows = df.iloc[mixed(y)]
    save_expected("lightgbm-sklearn", "model.joblib", rows.values.tolist(), lgbm.predict(rows), by_class(lgbm, rows))
    xgbc = xgb.XGBClassifier(n_estimators=8, max_depth=3).fit(df, y)
    joblib.dump(xgbc, os.path.join(folder("xgboost-sklearn"), "model.joblib"))
    save_expected("xgboost-sklearn", "model.joblib", rows.values.tolist(), xgbc.predict(rows))


def keras_file():
    """A Keras 3 .keras file's layout (a zip of config.json, metadata.json, weights): no
    TensorFlow here, and detection reads only the zip's names and metadata."""
    import zipfile

    path = os.path.join(folder("keras"), "model.keras")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "2026-01-01"}))
        z.writestr("config.json", json.dumps({"module": "keras", "class_name": "Sequential", "config": {"layers": []}}))
        z.writestr("model.weights.h5", b"\x89HDF\r\n\x1a\n" + bytes(64))
    save_expected("keras", "model.keras", [[0.0]], [0.0])


KINDS = {"sklearn": sklearn_pipeline, "sklearn-text": sklearn_text, "sklearn-text-columns": sklearn_text_columns,
         "sklearn-gbc": sklearn_gbc, "framework-estimators": framework_estimators, "keras": keras_file, "xgboost": xgboost_models, "lightgbm": lightgbm_model, "catboost": catboost_model, "onnx": onnx_model}
for kind in (sys.argv[2].split(",") if len(sys.argv) > 2 else KINDS):
    KINDS[kind]()
print("trained", sorted(os.listdir(OUT)))
