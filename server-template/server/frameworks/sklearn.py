"""scikit-learn estimators and Pipelines (joblib or pickle), and framework estimators pickled
through scikit-learn's API (XGBClassifier, LGBMRegressor, CatBoostClassifier...).

Inputs: a DataFrame with the model's own column names when it was fitted on one; one string per
row for a text pipeline (a vectorizer first); else a numeric matrix in feature order.
"""

from typing import Any, Dict, List, Optional, Tuple

from server.frameworks.missing import add_missing_row, mark_missing, nan_for_missing
from server.frameworks.pickled import load_pickle
from server.frameworks.pickled_frameworks import framework_introspection, framework_model
from server.frameworks.refusal import Refusal
from server.frameworks.sklearn_pins import pins
from server.frameworks.values import (
    categories,
    class_outputs,
    dtype_of,
    plain,
    sample_value,
    with_probabilities,
)

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "scikit-learn"

TEXT = "text"  # the one feature of a text pipeline that names none
# Up to this many targets, a multi-output regressor answers one field (one CSV column) per target.
MAX_TARGET_FIELDS = 20


def _steps(model: Any) -> List[Any]:
    steps = getattr(model, "steps", None)
    return [s for _, s in steps] if isinstance(steps, list) else [model]


def _first(model: Any) -> Any:
    first = model
    while isinstance(getattr(first, "steps", None), list):
        first = first.steps[0][1]
    return first


def _is_vectorizer(step: Any) -> bool:
    return hasattr(step, "build_analyzer")  # Count/Tfidf/Hashing vectorizers


def _vocabulary(obj: Any) -> List[str]:
    """Words a text step knows, to write sample rows it reacts to."""
    for step in _steps(obj):
        vocab = getattr(step, "vocabulary_", None)
        if isinstance(vocab, dict) and vocab:
            words = [w for w in sorted(vocab, key=lambda w: vocab[w]) if " " not in str(w)]
            return [str(w) for w in words[:: max(1, len(words) // 12)]][:12]
        for _, inner, _cols in getattr(step, "transformers_", []) or []:
            found = _vocabulary(inner) if inner not in ("drop", "passthrough") else []
            if found:
                return found
    return []


class Layout:
    """How rows become the estimator's input (decided from the fitted model alone)."""

    def __init__(self, model: Any) -> None:
        names = getattr(model, "feature_names_in_", None)
        count = getattr(model, "n_features_in_", None)
        self.kind: str
        if names is not None:
            self.kind, self.names = "frame", [str(n) for n in names]
        elif _is_vectorizer(_first(model)):
            self.kind, self.names = "text", [TEXT]
        elif count is not None:
            self.kind, self.names = "array", [f"f{i}" for i in range(int(count))]
        else:
            raise Refusal(
                f"{_describe(model)} does not say what its input is.",
                "It has neither feature_names_in_ nor n_features_in_ (was it fitted?) and does"
                " not start with a text vectorizer.",
                "Fit it before saving, or write model/predictor.py yourself.",
            )
        self.types = _column_types(model) if self.kind == "frame" else {}
        self.text = self.kind == "text" or any(t[2] for t in self.types.values())

    def batch(self, rows: List[Dict[str, Any]]) -> Any:
        if self.kind == "text":
            return [str(row[TEXT]) for row in rows]
        # A missing value (None) is NaN, as in the frames and arrays the model was fitted on.
        values = [[nan_for_missing(row[n]) for n in self.names] for row in rows]
        if self.kind == "frame":
            import pandas as pd

            frame = pd.DataFrame(values, columns=self.names)
            for name, (dtype, _, _) in self.types.items():
                if dtype == "str" and name in frame:  # NaN in a string column stays object
                    frame[name] = frame[name].astype(object)
            return frame
        import numpy as np

        strings = any(isinstance(v, str) for r in values for v in r)
        return np.asarray(values, dtype=object if strings else float)

    def features(self) -> List[Dict[str, Any]]:
        out = []
        for name in self.names:
            dtype, cats, text = self.types.get(name, ("float", None, False))
            feature: Dict[str, Any] = {
                "name": name,
                "dtype": "str" if self.kind == "text" else dtype,
            }
            if cats:
                feature["categories"] = cats
            if text or self.kind == "text":
                feature["text"] = True
            out.append(feature)
        return out


def _column_types(model: Any) -> Dict[str, Tuple[str, Optional[List[Any]], bool]]:
    """Column -> (type, categories, free text) from the step that first sees the input."""
    first = _first(model)
    found: Dict[str, Tuple[str, Optional[List[Any]], bool]] = {}
    if hasattr(first, "transformers_"):
        names = [str(n) for n in getattr(first, "feature_names_in_", [])]
        for _, transformer, columns in first.transformers_:
            if isinstance(columns, str):  # a 1-D column: a vectorizer's text
                text = any(_is_vectorizer(s) for s in _steps(transformer))
                found[columns] = ("str", None, text)
                continue
            cols = [str(c) for c in _as_list(columns, names)]
            _encoder_types(transformer, cols, found)
    else:
        _encoder_types(first, [str(c) for c in getattr(first, "feature_names_in_", [])], found)
    return found


def _as_list(columns: Any, names: List[str]) -> List[Any]:
    if isinstance(columns, slice):
        return names[columns]
    if callable(columns) or columns in ("drop", "passthrough"):
        return []
    values = list(columns) if hasattr(columns, "__iter__") else [columns]
    if values and all(isinstance(v, bool) or type(v).__name__ == "bool_" for v in values):
        return [n for n, keep in zip(names, values) if keep]
    values = [plain(v) for v in values]
    return [names[v] if isinstance(v, int) and names else v for v in values]


def _encoder_types(transformer: Any, columns: List[str], found: Dict[str, Any]) -> None:
    for step in _steps(transformer):
        cats = getattr(step, "categories_", None)
        if cats is not None and len(cats) == len(columns):
            for column, values in zip(columns, cats):
                found[column] = (dtype_of(values.dtype.kind), categories(values), False)
            return


def _describe(model: Any) -> str:
    steps = getattr(model, "steps", None)
    if isinstance(steps, list):
        return "Pipeline(" + " → ".join(type(s).__name__ for _, s in steps) + ")"
    return type(model).__name__


def _task(model: Any) -> str:
    if getattr(model, "classes_", None) is not None:
        return "classification"
    kind = getattr(_steps(model)[-1], "_estimator_type", None)
    return {"regressor": "regression", "clusterer": "clustering"}.get(
        str(kind), "anomaly" if kind == "outlier_detector" else "other"
    )


class Model:
    """A fitted estimator behind predict_batch(rows) -> outputs (see README.md)."""

    def __init__(self, estimator: Any) -> None:
        if not hasattr(estimator, "predict"):
            raise Refusal(
                f"{_describe(estimator)} has no predict().",
                "Stagemaker serves estimators that predict; a transformer alone answers nothing"
                " to send back.",
                "Save the whole Pipeline that ends in the estimator, or write model/predictor.py.",
            )
        self.estimator = estimator
        self.layout = Layout(estimator)
        self.task = _task(estimator)
        classes = getattr(estimator, "classes_", None)
        self.classes = categories(classes) if classes is not None else None
        self.probabilities = self.classes is not None and hasattr(estimator, "predict_proba")
        self.targets = 0  # > 0: a multi-output regressor's target count, one field each
        self.outputs = self._outputs(classes)

    def _outputs(self, classes: Any) -> List[Dict[str, Any]]:
        if self.classes is not None:
            kind = dtype_of(classes.dtype.kind) if hasattr(classes, "dtype") else "str"
            return class_outputs("label", self.classes, kind, self.probabilities)
        import numpy as np

        sample = [{f["name"]: sample_value(f, i) for f in self.layout.features()} for i in range(2)]
        out = np.asarray(self.estimator.predict(self.layout.batch(sample)))
        name = {"clustering": "cluster", "anomaly": "label"}.get(self.task, "prediction")
        field: Dict[str, Any] = {"name": name, "dtype": dtype_of(out.dtype.kind)}
        if out.ndim == 2 and out.shape[1] <= MAX_TARGET_FIELDS:
            self.targets = int(out.shape[1])
            if self.targets == 1:
                return [field]
            return [{**field, "name": f"{name}_{i}"} for i in range(self.targets)]
        if out.ndim > 1:
            field["shape"] = list(out.shape[1:])
        return [field]

    def answers(self, labels: Any, proba: Any) -> List[Dict[str, Any]]:
        """predict() (and predict_proba()) of a batch as answers keyed by output name."""
        if self.targets:
            names = [o["name"] for o in self.outputs]
            return [dict(zip(names, plain(row))) for row in labels]
        if proba is None:
            return [{self.outputs[0]["name"]: plain(v)} for v in labels]
        return [with_probabilities(self.outputs, v, p) for v, p in zip(labels, proba)]

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        batch = self.layout.batch(rows)
        labels = self.estimator.predict(batch)
        proba = self.estimator.predict_proba(batch) if self.probabilities else None
        return self.answers(labels, proba)


def load(path: str) -> Any:
    """A Model, or the framework adapter's own model for what it serves better from the object
    (pickled_frameworks.py: a raw xgboost Booster, a CatBoost estimator)."""
    obj = load_pickle(path)
    return framework_model(path, obj) or Model(obj)


def introspect(path: str) -> Dict[str, Any]:
    import sklearn

    model = load(path)
    if not isinstance(model, Model):
        return framework_introspection(model)
    estimator = model.estimator
    features = model.layout.features()
    words = _vocabulary(estimator) if model.layout.text else None
    rows = [{f["name"]: sample_value(f, i, words) for f in features} for i in range(4)]
    if model.layout.kind != "text":
        answer = lambda r: plain(estimator.predict(model.layout.batch(r)))  # noqa: E731
        mark_missing(features, rows, answer)
        add_missing_row(features, rows, answer)
    # The framework's own answers, straight from the estimator (not through predict_batch).
    batch = model.layout.batch(rows)
    labels = estimator.predict(batch)
    proba = estimator.predict_proba(batch) if model.probabilities else None
    answers = model.answers(labels, proba)
    expected = [{"row": row, "prediction": p} for row, p in zip(rows, answers)]
    info: Dict[str, Any] = {
        "kind": "sklearn",
        "frameworkVersion": sklearn.__version__,
        "task": model.task,
        "estimator": _describe(estimator),
        "features": features,
        "namedFeatures": model.layout.kind != "array",
        "outputs": model.outputs,
        "probabilities": model.probabilities,
        "expected": expected,
    }
    if model.classes is not None:
        info["classes"] = model.classes
        info["classType"] = model.outputs[0]["dtype"]
    return info
