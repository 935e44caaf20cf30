"""XGBoost boosters saved by XGBoost itself (.json, .ubj, the legacy binary), answered as
XGBClassifier/XGBRegressor.predict() would (without needing scikit-learn): the class for
classifiers (argmax, or probability > 0.5), the value for regressors, up to the best iteration
when early stopping recorded one."""

import json
import os
from typing import Any, Dict, List, Optional

from server.frameworks.booster_pins import xgboost_pins
from server.frameworks.boosters import (
    BoosterModel,
    classes_and_proba,
    introspection,
    matrix,
    target_outputs,
)
from server.frameworks.refusal import Refusal
from server.frameworks.values import class_outputs

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "xgboost"

CLASSIFYING = ("binary:", "multi:")


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return xgboost_pins(detection, requested)


class Model(BoosterModel):
    def __init__(self, path: str, booster: Any = None) -> None:
        """From a file XGBoost saved, or from a Booster (a pickled one, as SageMaker's built-in
        XGBoost containers up to 1.0 wrote xgboost-model)."""
        import xgboost

        if booster is None:
            booster = xgboost.Booster()
            booster.load_model(path)
        self.booster = booster
        learner = json.loads(self.booster.save_config())["learner"]
        self.objective = str(learner["objective"]["name"])
        if self.objective.startswith(("rank:", "survival:")):
            raise Refusal(
                f"An XGBoost {self.objective} model.",
                "Ranking and survival models answer scores whose meaning depends on the query"
                " groups or censoring used in training; Stagemaker does not guess it.",
                "Write model/predictor.py yourself (xgboost.Booster.predict gives the scores).",
            )
        best = self.booster.attr("best_iteration")
        self.iterations = (0, int(best) + 1) if best is not None else (0, 0)
        self.classifier = self.objective.startswith(CLASSIFYING)
        # A multi-target regressor (XGBoost 2.0 on) answers one value per target.
        self.targets = int(learner["learner_model_param"].get("num_target", "1") or 1)
        # SageMaker's built-in XGBoost container answers Booster.predict() as it is (for
        # binary:logistic, the probability of class 1); a file in its layout (named xgboost-model)
        # answers the same, so clients migrating from it keep working. multi:softprob keeps the
        # label and one probability per class.
        self.builtin = os.path.basename(path) == "xgboost-model"
        if self.builtin and self.objective != "multi:softprob":
            self.classifier = False
        names = self.booster.feature_names
        types = self.booster.feature_types or []
        self.named = bool(names)
        count = self.booster.num_features()
        self.names = list(names) if names else [f"f{i}" for i in range(count)]
        self.features = [
            {"name": n, "dtype": "int" if i < len(types) and types[i] in ("int", "i") else "float"}
            for i, n in enumerate(self.names)
        ]
        self.probabilities = self.classifier and self.objective not in (
            "multi:softmax",
            "binary:hinge",
        )
        if self.classifier:
            num_class = int(learner["learner_model_param"].get("num_class", "0") or 0)
            self.classes: Optional[List[Any]] = list(range(max(num_class, 2)))
            self.outputs = class_outputs("label", self.classes, "int", self.probabilities)
        else:
            self.classes = None
            self.outputs = target_outputs(self.targets)

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        import numpy as np
        import xgboost

        data = xgboost.DMatrix(
            matrix(rows, self.names, np.float32), feature_names=self.names if self.named else None
        )
        out = np.asarray(self.booster.predict(data, iteration_range=self.iterations))
        if not self.classifier:
            out = out.reshape(len(rows), -1)
            return (out if self.targets > 1 else out[:, 0]), None
        if self.objective in ("multi:softmax", "binary:hinge"):
            return out.astype(int), None
        if self.objective == "binary:logitraw":
            out = 1.0 / (1.0 + np.exp(-out))
        return classes_and_proba(out)


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    import xgboost

    model = load(path)
    return introspection(
        "xgboost",
        xgboost.__version__,
        model,
        "Booster (SageMaker built-in layout)" if model.builtin else "Booster",
    )
