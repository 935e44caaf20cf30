"""What a model file's own framework says about it: features, their types, classes, objective.

Stagemaker runs this inside the project's image, with the pinned framework and no network, never
on the host (loading a pickle runs code):

    python -m server.introspect /opt/ml/model/model.joblib --kind sklearn

It prints one JSON object (the shape of Introspection in Stagemaker's app/contract/model.ts).
"""

import argparse
import json
import re
import sys
from typing import Any, Dict, List, Optional, Tuple


def _dtype(kind: str) -> str:
    """numpy dtype.kind to the Instance's field type."""
    return {"i": "int", "u": "int", "f": "float", "b": "bool"}.get(
        kind, "str" if kind in "OUS" else "float"
    )


def _plain(values: Any) -> List[Any]:
    out = []
    for v in list(values):
        v = v.item() if hasattr(v, "item") else v
        if isinstance(v, float) and v != v:  # NaN: a "missing" category, not a value to offer
            continue
        out.append(v if isinstance(v, (int, float, bool, str)) else str(v))
    return out


# --- scikit-learn ------------------------------------------------------------------------------


def _column_types(model: Any) -> Dict[str, Tuple[str, Optional[List[Any]]]]:
    """Column → (type, categories) from the ColumnTransformer (or encoder) that first sees
    the input."""
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline

    first = model
    while isinstance(first, Pipeline):
        first = first.steps[0][1]
    found: Dict[str, Tuple[str, Optional[List[Any]]]] = {}
    if isinstance(first, ColumnTransformer):
        names = list(getattr(first, "feature_names_in_", []))
        for _, transformer, columns in first.transformers_:
            if isinstance(columns, str):  # a 1-D text column (e.g. a vectorizer)
                found[columns] = ("str", None)
                continue
            cols = [
                names[c] if isinstance(c, int) and names else c for c in _as_list(columns, names)
            ]
            _encoder_types(transformer, [str(c) for c in cols], found)
    else:
        _encoder_types(first, [str(c) for c in getattr(first, "feature_names_in_", [])], found)
    return found


def _as_list(columns: Any, names: List[Any]) -> List[Any]:
    if isinstance(columns, slice):
        return names[columns]
    values = list(columns) if hasattr(columns, "__iter__") else [columns]
    if values and all(isinstance(v, bool) or type(v).__name__ == "bool_" for v in values):
        return [n for n, keep in zip(names, values) if keep]
    return [v.item() if hasattr(v, "item") else v for v in values]


def _encoder_types(transformer: Any, columns: List[str], found: Dict[str, Any]) -> None:
    from sklearn.pipeline import Pipeline

    steps = (
        [s for _, s in transformer.steps] if isinstance(transformer, Pipeline) else [transformer]
    )
    for step in steps:
        categories = getattr(step, "categories_", None)
        if categories is not None and len(categories) == len(columns):
            for column, cats in zip(columns, categories):
                found[column] = (_dtype(cats.dtype.kind), _plain(cats))
            return


def sklearn_info(path: str) -> Dict[str, Any]:
    import joblib
    import sklearn

    model = joblib.load(path)
    names = getattr(model, "feature_names_in_", None)
    count = getattr(model, "n_features_in_", None)
    if names is not None:
        features = [str(n) for n in names]
    elif count is not None:
        features = [f"f{i}" for i in range(int(count))]
    else:
        raise SystemExit(
            f"{type(model).__name__} has neither feature_names_in_ nor n_features_in_:"
            " was it fitted?"
        )
    types = _column_types(model)
    classes = getattr(model, "classes_", None)
    info: Dict[str, Any] = {
        "kind": "sklearn",
        "frameworkVersion": sklearn.__version__,
        "task": "classification" if classes is not None else "regression",
        "estimator": _describe(model),
        "features": [
            {
                "name": n,
                "dtype": types.get(n, ("float", None))[0],
                **({"categories": types[n][1]} if n in types and types[n][1] else {}),
            }
            for n in features
        ],
        "namedFeatures": names is not None,
        "probabilities": classes is not None and hasattr(model, "predict_proba"),
    }
    if classes is not None:
        info["classes"] = _plain(classes)
        info["classType"] = _dtype(classes.dtype.kind)
    return info


def _describe(model: Any) -> str:
    from sklearn.pipeline import Pipeline

    if isinstance(model, Pipeline):
        return "Pipeline(" + " → ".join(type(s).__name__ for _, s in model.steps) + ")"
    return type(model).__name__


# --- XGBoost and LightGBM ----------------------------------------------------------------------


def xgboost_info(path: str) -> Dict[str, Any]:
    import xgboost

    booster = xgboost.Booster()
    booster.load_model(path)
    learner = json.loads(booster.save_config())["learner"]
    objective = learner["objective"]["name"]
    num_class = int(learner["learner_model_param"].get("num_class", "0") or 0)
    names = booster.feature_names
    types = booster.feature_types or []
    count = booster.num_features()
    features = [
        {
            "name": names[i] if names else f"f{i}",
            "dtype": "int" if i < len(types) and types[i] in ("int", "i") else "float",
        }
        for i in range(count)
    ]
    return _booster_info(
        "xgboost",
        xgboost.__version__,
        objective,
        features,
        bool(names),
        num_class,
        objective.startswith(("binary:", "multi:")),
        objective in ("binary:logistic", "multi:softprob"),
    )


def lightgbm_info(path: str) -> Dict[str, Any]:
    import lightgbm

    booster = lightgbm.Booster(model_file=path)
    names = booster.feature_name()
    dump = booster.dump_model(num_iteration=1)
    objective = str(dump.get("objective", "")).split(" ")[0]
    named = not all(re.fullmatch(r"Column_\d+", n) for n in names)
    features = [{"name": n if named else f"f{i}", "dtype": "float"} for i, n in enumerate(names)]
    classification = objective in ("binary", "multiclass", "multiclassova")
    return _booster_info(
        "lightgbm",
        lightgbm.__version__,
        objective,
        features,
        named,
        int(dump.get("num_class", 1)),
        classification,
        classification,
    )


def _booster_info(
    kind,
    version,
    objective,
    features,
    named,
    num_class,
    classification,
    probabilities,
    classes: Optional[Tuple[List[Any], str]] = None,
) -> Dict[str, Any]:
    info: Dict[str, Any] = {
        "kind": kind,
        "frameworkVersion": version,
        "task": "classification" if classification else "regression",
        "objective": objective,
        "features": features,
        "namedFeatures": named,
        "probabilities": probabilities,
    }
    if classification:
        # Without (values, type) the file keeps no label names: the classes are 0…k-1, as the
        # scikit-learn wrappers predict them.
        info["classes"], info["classType"] = classes or (list(range(max(num_class, 2))), "int")
    return info


# --- CatBoost ----------------------------------------------------------------------------------

CATBOOST_CLASSIFICATION = ("Logloss", "CrossEntropy", "MultiClass", "MultiClassOneVsAll")


def catboost_info(path: str) -> Dict[str, Any]:
    import catboost

    model = catboost.CatBoost()
    model.load_model(path)
    loss = str(model.get_params().get("loss_function", "")).split(":")[0]
    names = [str(n) for n in model.feature_names_]
    # Trained on bare arrays, CatBoost names the features "0", "1", …: positional, not named.
    named = names != [str(i) for i in range(len(names))]
    categorical = set(model.get_cat_feature_indices())
    text = set(model.get_text_feature_indices())
    features = [
        {
            "name": n if named else f"f{i}",
            "dtype": "str" if i in categorical or i in text else "float",
        }
        for i, n in enumerate(names)
    ]
    classification = loss in CATBOOST_CLASSIFICATION
    classes = None
    if classification:
        import numpy

        classifier = catboost.CatBoostClassifier()
        classifier.load_model(path)
        values = numpy.asarray(classifier.classes_)
        classes = (_plain(values), _dtype(values.dtype.kind))
    return _booster_info(
        "catboost",
        catboost.__version__,
        loss,
        features,
        named,
        len(classes[0]) if classes else 0,
        classification,
        classification,
        classes,
    )


# --- ONNX --------------------------------------------------------------------------------------

ONNX_TYPES = {
    "tensor(float)": "float",
    "tensor(double)": "float",
    "tensor(int64)": "int",
    "tensor(int32)": "int",
    "tensor(string)": "str",
    "tensor(bool)": "bool",
}


def onnx_info(path: str) -> Dict[str, Any]:
    import onnxruntime

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    inputs = session.get_inputs()
    outputs = session.get_outputs()
    first = inputs[0]
    if (
        len(inputs) == 1
        and len(first.shape) == 2
        and isinstance(first.shape[1], int)
        and first.shape[1] > 1
    ):
        layout = "matrix"
        features = [
            {"name": f"f{i}", "dtype": ONNX_TYPES.get(first.type, "float")}
            for i in range(first.shape[1])
        ]
    else:
        layout = "columns"
        features = [{"name": i.name, "dtype": ONNX_TYPES.get(i.type, "float")} for i in inputs]
    primary = outputs[0]
    classification = len(outputs) > 1 and primary.type in (
        "tensor(int64)",
        "tensor(string)",
        "tensor(int32)",
    )
    info: Dict[str, Any] = {
        "kind": "onnx",
        "frameworkVersion": onnxruntime.__version__,
        "task": "classification" if classification else "regression",
        "features": features,
        "namedFeatures": layout == "columns",
        "probabilities": classification,
        "onnxLayout": layout,
        "onnxInputType": first.type,
        "onnxOutputs": [o.name for o in outputs],
    }
    if classification:
        info["classType"] = ONNX_TYPES.get(primary.type, "str")
        shape = outputs[1].shape
        if outputs[1].type == "tensor(float)" and len(shape) == 2 and isinstance(shape[1], int):
            info["classes"] = list(range(shape[1]))
    return info


KINDS = {
    "sklearn": sklearn_info,
    "xgboost": xgboost_info,
    "lightgbm": lightgbm_info,
    "catboost": catboost_info,
    "onnx": onnx_info,
}


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m server.introspect", description=__doc__.splitlines()[0]
    )
    parser.add_argument("path")
    parser.add_argument("--kind", required=True, choices=sorted(KINDS))
    args = parser.parse_args(argv)
    json.dump(KINDS[args.kind](args.path), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
