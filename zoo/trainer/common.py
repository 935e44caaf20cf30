"""What every zoo entry shares: its folder, its data and its expected.json.

expected.json holds the rows to send (in feature order for CSV, keyed by feature name for JSON),
the framework's OWN predictions on them (computed with the framework's API, never an adapter's),
and what the entry is (framework, version, format, description), so the zoo check can say which
model failed and why.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd

OUT = "/out"
ENV = "np1" if np.__version__.startswith("1.") else "np2"
rng = np.random.default_rng(7)


def folder(name):
    path = os.path.join(OUT, name)
    os.makedirs(path, exist_ok=True)
    return path


def plain(value):
    """A JSON value from a numpy/pandas scalar (NaN and None become null: a missing value)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bytes, bytearray)):
        return value.decode()
    return value


def rows_of(x):
    """Rows as lists in feature order, from a DataFrame, a numpy array or a list of strings."""
    if isinstance(x, pd.DataFrame):
        return [plain(list(r)) for r in x.itertuples(index=False)]
    if isinstance(x, pd.Series) or (isinstance(x, list) and x and isinstance(x[0], str)):
        return [[plain(v)] for v in list(x)]
    return [plain(list(r)) for r in np.asarray(x, dtype=object)]


def save_expected(name, *, artifact, framework, version, fmt, what, x, predictions, features=None, extra=None):
    """x: the rows the predictions were made on; features: the model's own names (None when it
    has none, e.g. fit on a bare numpy array: the check then uses the names the project gives)."""
    if features is None and isinstance(x, pd.DataFrame):
        features = [str(c) for c in x.columns]
    rows = rows_of(x)
    preds = [plain(p) for p in (predictions.tolist() if hasattr(predictions, "tolist") else predictions)]
    if len(preds) != len(rows):
        raise ValueError(f"{name}: {len(preds)} predictions for {len(rows)} rows")
    body = {
        "name": name,
        "framework": framework,
        "version": version,
        "format": fmt,
        "what": what,
        "artifact": artifact,
        "environment": {"python": sys.version.split()[0], "numpy": np.__version__, "trainer": ENV},
        "features": features,
        "rows": rows,
        "records": [dict(zip(features, r)) for r in rows] if features else None,
        "predictions": preds,
    }
    body.update(extra or {})
    with open(os.path.join(folder(name), "expected.json"), "w") as f:
        json.dump(body, f, indent=1)


def pick(y, n=6):
    """Row indexes covering every class (so a wrong class order cannot pass unnoticed)."""
    y = np.asarray(y)
    values = np.unique(y)
    if len(values) > 12:  # a regression target: the first rows do
        return list(range(n))
    picked = []
    for value in values:
        picked.extend(np.flatnonzero(y == value)[: max(1, n // len(values))].tolist())
    return sorted(picked)[:n]


def numeric(n=160, d=4):
    """A small numeric problem: features, a 3-class label and a regression target."""
    x = rng.normal(size=(n, d))
    y = (x[:, 0] + x[:, 1] > 0).astype(int) + (x[:, 2] > 0.8).astype(int)
    target = 2 * x[:, 0] - x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + rng.normal(scale=0.1, size=n)
    return x, y, target


NUMERIC_NAMES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


def frame(n=160):
    """A DataFrame with numeric, categorical and missing values, plus string labels."""
    df = pd.DataFrame(
        {
            "age": rng.integers(18, 90, n).astype(float),
            "income": rng.normal(50_000, 15_000, n).round(2),
            "colour": rng.choice(["red", "green", "blue"], n),
            "city": rng.choice(["Paris", "Lyon", "Nice", "Lille"], n),
        }
    )
    y = np.where((df["age"] > 45) & (df["colour"] != "blue"), "approve", np.where(df["income"] > 55_000, "review", "deny"))
    target = df["income"] / 1000 + df["age"] * 0.3 + (df["colour"] == "red") * 5
    df.loc[rng.random(n) < 0.1, "age"] = np.nan
    df.loc[rng.random(n) < 0.1, "colour"] = np.nan
    return df, y, target.to_numpy()


WORDS = {
    "sports": "match goal team score player coach league win season ball".split(),
    "tech": "software chip cloud data model code server network python release".split(),
    "food": "recipe bake flour sugar dinner taste oven spice salad soup".split(),
}


def texts(n=150):
    """Short English-like documents, labelled by topic (string labels)."""
    labels = rng.choice(sorted(WORDS), n)
    docs = [" ".join(rng.choice(WORDS[label] + ["the", "a", "with", "and"], 8)) + ", really." for label in labels]
    return docs, labels


ENTRIES = []  # (name, function): every entry this environment trains


def entry(name, envs=("np2",)):
    """Registers a training function under `<env>-<name>` for each environment it runs in."""

    def register(fn):
        if ENV in envs:
            ENTRIES.append((f"{ENV}-{name}", fn))
        return fn

    return register
