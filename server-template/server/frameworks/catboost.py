"""CatBoost models saved by CatBoost (.cbm), answered by CatBoost's own predict()."""

from typing import Any, Dict, List, Optional

from server.frameworks.booster_pins import catboost_pins
from server.frameworks.boosters import BoosterModel, target_outputs
from server.frameworks.boosters import introspection as booster_introspection
from server.frameworks.missing import nan_for_missing
from server.frameworks.values import categories, class_outputs, dtype_of, sample_value

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "catboost"

CLASSIFYING = ("Logloss", "CrossEntropy", "MultiClass", "MultiClassOneVsAll")


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    return catboost_pins(detection, requested)


class Model(BoosterModel):
    def __init__(self, path: str, estimator: Any = None) -> None:
        """From a .cbm file, or from a fitted estimator (a CatBoost model inside a pickle)."""
        import catboost
        import numpy as np

        probe = estimator
        if probe is None:
            probe = catboost.CatBoost()
            probe.load_model(path)
        self.objective = str(probe.get_params().get("loss_function", "")).split(":")[0]
        if not self.objective and hasattr(probe, "get_all_params"):
            self.objective = str(probe.get_all_params().get("loss_function", "")).split(":")[0]
        self.classifier = self.objective in CLASSIFYING or isinstance(
            estimator, catboost.CatBoostClassifier
        )
        if estimator is not None:
            self.estimator = estimator
        else:
            self.estimator = (
                catboost.CatBoostClassifier() if self.classifier else catboost.CatBoostRegressor()
            )
            self.estimator.load_model(path)
        names = [str(n) for n in self.estimator.feature_names_]
        # Trained on bare arrays, CatBoost names the features "0", "1", ...: positional.
        self.named = names != [str(i) for i in range(len(names))]
        self.names = names if self.named else [f"f{i}" for i in range(len(names))]
        strings = set(self.estimator.get_cat_feature_indices()) | set(
            self.estimator.get_text_feature_indices()
        )
        self.features = [
            {"name": n, "dtype": "str" if i in strings else "float"}
            for i, n in enumerate(self.names)
        ]
        self.probabilities = self.classifier
        self.targets = 1
        if self.classifier:
            values = np.asarray(self.estimator.classes_)
            self.classes: Optional[List[Any]] = categories(values)
            kind = dtype_of(values.dtype.kind)
            self.outputs = class_outputs("label", self.classes, kind, True)
        else:
            self.classes = None
            # MultiRMSE and other multi-target losses: one value per target.
            sample = self.batch([{f["name"]: sample_value(f, 0) for f in self.features}])
            self.targets = int(np.asarray(self.estimator.predict(sample)).reshape(1, -1).shape[1])
            self.outputs = target_outputs(self.targets)

    def batch(self, rows: List[Dict[str, Any]]) -> Any:
        # A missing number is NaN (CatBoost's nan_mode decides); a missing category stays None,
        # which CatBoost refuses (the probe at introspection leaves such features required).
        floats = {f["name"] for f in self.features if f["dtype"] == "float"}
        values = [
            [nan_for_missing(row[n]) if n in floats else row[n] for n in self.names] for row in rows
        ]
        if not self.named:
            return values
        import pandas as pd

        return pd.DataFrame(values, columns=self.names)

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        import numpy as np

        batch = self.batch(rows)
        # Multi-class predict() answers one column per row: one value per row.
        labels = np.asarray(self.estimator.predict(batch))
        labels = labels.reshape(len(rows), -1) if self.targets > 1 else labels.reshape(-1)
        proba = self.estimator.predict_proba(batch) if self.classifier else None
        return labels, proba


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    return introspection(load(path))


def introspection(model: Model) -> Dict[str, Any]:
    import catboost

    return booster_introspection(
        "catboost", catboost.__version__, model, type(model.estimator).__name__
    )
