"""XGBoost boosters saved by XGBoost itself (.json, .ubj, the legacy binary), served through
XGBoost's scikit-learn classes so answers equal XGBClassifier/XGBRegressor.predict()."""

import json
from typing import Any, Dict, List, Optional

from server.frameworks.booster_pins import xgboost_pins
from server.frameworks.boosters import answers, expected
from server.frameworks.refusal import Refusal
from server.frameworks.values import class_outputs

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the intake card's "framework version" names.
PACKAGE = "xgboost"

CLASSIFYING = ("binary:", "multi:")


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return xgboost_pins(detection, requested)


class Model:
    def __init__(self, path: str) -> None:
        import xgboost

        booster = xgboost.Booster()
        booster.load_model(path)
        learner = json.loads(booster.save_config())["learner"]
        self.objective = str(learner["objective"]["name"])
        if self.objective.startswith(("rank:", "survival:")):
            raise Refusal(
                f"An XGBoost {self.objective} model.",
                "Ranking and survival models answer scores whose meaning depends on the query"
                " groups or censoring used in training; Stagemaker does not guess it.",
                "Write model/predictor.py yourself (xgboost.Booster.predict gives the scores).",
            )
        self.classifier = self.objective.startswith(CLASSIFYING)
        self.estimator = xgboost.XGBClassifier() if self.classifier else xgboost.XGBRegressor()
        self.estimator.load_model(path)
        names = booster.feature_names
        types = booster.feature_types or []
        self.named = bool(names)
        self.names = list(names) if names else [f"f{i}" for i in range(booster.num_features())]
        self.features = [
            {"name": n, "dtype": "int" if i < len(types) and types[i] in ("int", "i") else "float"}
            for i, n in enumerate(self.names)
        ]
        self.probabilities = self.classifier and self.objective != "multi:softmax"
        if self.classifier:
            classes = [int(c) for c in getattr(self.estimator, "classes_", [0, 1])]
            self.classes: Optional[List[Any]] = classes
            self.outputs = class_outputs("label", classes, "int", self.probabilities)
        else:
            self.classes = None
            self.outputs = [{"name": "prediction", "dtype": "float"}]

    def batch(self, rows: List[Dict[str, Any]]) -> Any:
        import numpy as np

        matrix = np.asarray([[row[n] for n in self.names] for row in rows], dtype=np.float32)
        if not self.named:
            return matrix
        import pandas as pd

        return pd.DataFrame(matrix, columns=self.names)

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        batch = self.batch(rows)
        labels = self.estimator.predict(batch)
        proba = self.estimator.predict_proba(batch) if self.probabilities else None
        return labels, proba

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return answers(self.outputs, *self.predict(rows))


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    import xgboost

    model = load(path)
    info: Dict[str, Any] = {
        "kind": "xgboost",
        "frameworkVersion": xgboost.__version__,
        "task": "classification" if model.classifier else "regression",
        "objective": model.objective,
        "estimator": type(model.estimator).__name__,
        "features": model.features,
        "namedFeatures": model.named,
        "outputs": model.outputs,
        "probabilities": model.probabilities,
        "expected": expected(model.features, model.outputs, model.predict),
    }
    if model.classes is not None:
        info["classes"], info["classType"] = model.classes, "int"
    return info
