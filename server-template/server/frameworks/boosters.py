"""What the XGBoost, LightGBM and CatBoost adapters share: the batch path, the class from a
booster's probabilities, sample rows and expected answers, the Introspection."""

from typing import Any, Callable, Dict, List, Tuple

from server.frameworks.missing import add_missing_row, mark_missing
from server.frameworks.values import plain, sample_value, with_probabilities


class BoosterModel:
    """A booster adapter's Model: __init__ sets `outputs` (the Prediction fields), `predict`
    gives (labels, probabilities or None) for rows keyed by feature name."""

    outputs: List[Dict[str, Any]]

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        raise NotImplementedError

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return answers(self.outputs, *self.predict(rows))


def matrix(rows: List[Dict[str, Any]], names: List[str], dtype: Any) -> Any:
    """Rows keyed by feature name as one numpy matrix, columns in the booster's feature order."""
    import numpy as np

    return np.asarray([[row[n] for n in names] for row in rows], dtype=dtype)


def classes_and_proba(out: Any) -> Tuple[Any, Any]:
    """The class and one probability column per class from a booster's probabilities, by the
    rule of its scikit-learn predict(): a binary booster gives P(class 1) alone."""
    import numpy as np

    proba = out if out.ndim == 2 else np.column_stack([1.0 - out, out])
    return np.argmax(proba, axis=1), proba


def target_outputs(targets: int) -> List[Dict[str, Any]]:
    """A regressor's outputs: `prediction`, or one `prediction_i` per target (multi-target)."""
    if targets <= 1:
        return [{"name": "prediction", "dtype": "float"}]
    return [{"name": f"prediction_{i}", "dtype": "float"} for i in range(targets)]


def answers(outputs: List[Dict[str, Any]], labels: Any, proba: Any) -> List[Dict[str, Any]]:
    labels = plain(labels)
    if proba is None and len(outputs) > 1:  # a multi-target regressor: one row of values each
        names = [o["name"] for o in outputs]
        return [dict(zip(names, row)) for row in labels]
    if proba is None or len(outputs) == 1:
        return [{outputs[0]["name"]: v} for v in labels]
    return [with_probabilities(outputs, v, p) for v, p in zip(labels, plain(proba))]


def expected(
    features: List[Dict[str, Any]],
    outputs: List[Dict[str, Any]],
    predict: Callable[[List[Dict[str, Any]]], Any],
    n: int = 4,
) -> List[Dict[str, Any]]:
    """n sample rows and the framework's own answers (predict gives (labels, proba or None)).
    Marks the features the booster takes missing for (XGBoost and LightGBM: every numeric one)."""
    rows = [{f["name"]: sample_value(f, i) for f in features} for i in range(n)]
    mark_missing(features, rows, lambda r: answers(outputs, *predict(r)))
    add_missing_row(features, rows, lambda r: answers(outputs, *predict(r)))
    labels, proba = predict(rows)
    return [{"row": r, "prediction": p} for r, p in zip(rows, answers(outputs, labels, proba))]


def introspection(
    kind: str, version: str, model: Any, estimator: str = "Booster"
) -> Dict[str, Any]:
    """The Introspection of a loaded booster Model (xgboost, lightgbm, catboost)."""
    info: Dict[str, Any] = {
        "kind": kind,
        "frameworkVersion": version,
        "task": "classification" if model.classifier else "regression",
        "objective": model.objective,
        "estimator": estimator,
        "features": model.features,
        "namedFeatures": model.named,
        "outputs": model.outputs,
        "probabilities": model.probabilities,
        "expected": expected(model.features, model.outputs, model.predict),
    }
    if model.classes is not None:
        info["classes"], info["classType"] = model.classes, model.outputs[0]["dtype"]
    return info
