"""Framework objects inside a scikit-learn-API pickle that their own adapters serve better: a raw
xgboost Booster (SageMaker's built-in XGBoost containers up to 1.0 pickled one as xgboost-model)
and CatBoost estimators (CatBoost names its features itself). XGBoost estimators stay with the
sklearn adapter, after a check that the installed XGBoost is not older than the booster."""

import os
from typing import Any, Dict, Optional

from server.frameworks.refusal import Refusal


def framework_model(path: str, obj: Any) -> Optional[Any]:
    """The framework adapter's model for `obj`, or None when the sklearn adapter serves it."""
    module = type(obj).__module__.split(".")[0]
    if module == "xgboost" and type(obj).__name__ == "Booster":
        from server.frameworks import xgboost

        return xgboost.Model(path, booster=obj)
    if module == "catboost":
        from server.frameworks import catboost

        return catboost.Model(path, estimator=obj)
    if module == "xgboost":
        refuse_newer_xgboost(path)
    return None


def refuse_newer_xgboost(path: str) -> None:
    """An XGBoost older than the one that saved the booster may load it and answer otherwise."""
    import xgboost

    from server.frameworks.booster_pins import vt, xgboost_pins
    from server.frameworks.embedded import file_xgboost_version

    saved = file_xgboost_version(path)
    if saved and vt(saved)[:2] > vt(xgboost.__version__)[:2]:
        line = xgboost_pins({"frameworkVersion": saved}, None)["requirements"][0]
        raise Refusal(
            f"The XGBoost model inside {os.path.basename(path)} was saved by XGBoost {saved},"
            f" newer than the installed {xgboost.__version__}.",
            "An older XGBoost can read a newer booster and still answer differently.",
            f"Write {line} in requirements.txt (instead of the xgboost line there), then Generate"
            " again.",
        )


def framework_introspection(model: Any) -> Dict[str, Any]:
    """The introspection of a framework model found in a pickle (kind sklearn: the predictor
    loads the pickle through sklearn.load)."""
    from server.frameworks import boosters, catboost

    if isinstance(model, catboost.Model):
        info = catboost.introspection(model)
        info["estimator"] += " (pickled)"
    else:
        import xgboost as xgb

        what = "Booster (pickled" + (", SageMaker built-in layout)" if model.builtin else ")")
        info = boosters.introspection("xgboost", xgb.__version__, model, what)
    return {**info, "kind": "sklearn"}
