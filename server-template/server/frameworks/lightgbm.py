"""LightGBM models saved as LightGBM's own text files, answered like LightGBM's scikit-learn
predict(): the class for classifiers (argmax, or probability > 0.5), the value for regressors."""

import re
from typing import Any, Dict, List, Optional

from server.frameworks.booster_pins import lightgbm_pins
from server.frameworks.boosters import BoosterModel, classes_and_proba, introspection, matrix
from server.frameworks.refusal import Refusal
from server.frameworks.values import class_outputs

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "lightgbm"

CLASSIFYING = ("binary", "multiclass", "multiclassova")


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return lightgbm_pins(detection, requested)


class Model(BoosterModel):
    def __init__(self, path: str) -> None:
        import lightgbm

        self.booster = lightgbm.Booster(model_file=path)
        dump = self.booster.dump_model(num_iteration=1)
        self.objective = str(dump.get("objective", "")).split(" ")[0]
        if self.objective.startswith(("lambdarank", "rank_xendcg")):
            raise Refusal(
                f"A LightGBM {self.objective} model.",
                "Ranking scores only mean something within a query group.",
                "Write model/predictor.py yourself (lightgbm.Booster.predict gives the scores).",
            )
        names = self.booster.feature_name()
        self.named = not all(re.fullmatch(r"Column_\d+", n) for n in names)
        self.names = list(names) if self.named else [f"f{i}" for i in range(len(names))]
        self.features = [{"name": n, "dtype": "float"} for n in self.names]
        self.classifier = self.objective in CLASSIFYING
        self.probabilities = self.classifier
        if self.classifier:
            count = max(int(dump.get("num_class", 1)), 2)
            self.classes: Optional[List[Any]] = list(range(count))
            self.outputs = class_outputs("label", self.classes, "int", True)
        else:
            self.classes = None
            self.outputs = [{"name": "prediction", "dtype": "float"}]

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        import numpy as np

        out = np.asarray(self.booster.predict(matrix(rows, self.names, np.float64)))
        if not self.classifier:
            return out, None
        # The rule of LGBMClassifier.predict: binary files give P(class 1), others one column each.
        return classes_and_proba(out)


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    import lightgbm

    model = load(path)
    return introspection("lightgbm", lightgbm.__version__, model, "Booster")
