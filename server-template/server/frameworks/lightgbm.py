"""LightGBM models saved as LightGBM's own text files, answered like LightGBM's scikit-learn
predict(): the class for classifiers (argmax, or probability > 0.5), the value for regressors."""

import re
from typing import Any, Dict, List, Optional

from server.frameworks.booster_pins import lightgbm_pins
from server.frameworks.boosters import answers, introspection
from server.frameworks.refusal import Refusal
from server.frameworks.values import class_outputs

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "lightgbm"

CLASSIFYING = ("binary", "multiclass", "multiclassova")


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return lightgbm_pins(detection, requested)


class Model:
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

        matrix = np.asarray([[row[n] for n in self.names] for row in rows], dtype=np.float64)
        out = np.asarray(self.booster.predict(matrix))
        if not self.classifier:
            return out, None
        # The rule of LGBMClassifier.predict: binary files give P(class 1), others one column each.
        proba = out if out.ndim == 2 else np.column_stack([1.0 - out, out])
        return np.argmax(proba, axis=1), proba

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return answers(self.outputs, *self.predict(rows))


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    import lightgbm

    model = load(path)
    return introspection("lightgbm", lightgbm.__version__, model, "Booster")
