"""Which framework an in-memory model belongs to, and how to write it in that framework's own
format: native files for the boosters, `.keras`, TorchScript, ONNX when asked, joblib for
scikit-learn (and for anything else that pickles without code defined in the notebook)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, List, Optional

from .errors import ScaffoldError

# Accepted values of scaffold(framework=...).
FRAMEWORKS = ("sklearn", "xgboost", "lightgbm", "catboost", "keras", "torchscript", "onnx")


@dataclass
class SavedModel:
    path: str
    framework: str  # one of FRAMEWORKS
    distribution: str  # the PyPI project whose version the file depends on
    format: str
    object_type: str  # module.Class of the model object
    notes: List[str] = field(default_factory=list)


def type_name(model: Any) -> str:
    t = type(model)
    return f"{t.__module__}.{t.__qualname__}"


def _mro_modules(model: Any) -> List[str]:
    return [c.__module__ for c in type(model).__mro__]


def _is(model: Any, module: str, cls: str) -> bool:
    """isinstance without importing a framework the notebook never loaded."""
    mod = sys.modules.get(module)
    target = getattr(mod, cls, None) if mod else None
    return isinstance(target, type) and isinstance(model, target)


def detect(model: Any, unscripted_ok: bool = False) -> str:
    """The framework of a model object (its native format when there is one); "torch" for an
    unscripted PyTorch module only when `unscripted_ok` (it can still go to ONNX)."""
    if _is(model, "xgboost", "XGBModel") or _is(model, "xgboost", "Booster"):
        return "xgboost"
    if _is(model, "lightgbm", "LGBMModel") or _is(model, "lightgbm", "Booster"):
        return "lightgbm"
    if _is(model, "catboost", "CatBoost"):
        return "catboost"
    if _is(model, "torch.jit", "ScriptModule"):
        return "torchscript"
    if _is(model, "torch.nn", "Module"):
        if unscripted_ok:
            return "torch"
        raise ScaffoldError(
            f"{type_name(model)} is a PyTorch module that is not scripted: TorchScript is the format "
            "a server can load without your Python class. Script it first, "
            "scaffold(torch.jit.script(model), ...) (or torch.jit.trace(model, example)), "
            "or ask for ONNX with framework='onnx' and a sample."
        )
    if _is(model, "onnx", "ModelProto"):
        return "onnx"
    if any(
        m.split(".")[0] in ("keras", "tf_keras") or m.startswith("tensorflow.python.keras") for m in _mro_modules(model)
    ):
        return "keras"
    if callable(getattr(model, "predict", None)):
        return "sklearn"
    raise ScaffoldError(
        f"{type_name(model)} has no predict() and is no model of a framework Stagemaker knows "
        f"(scikit-learn, XGBoost, LightGBM, CatBoost, Keras, TorchScript, ONNX). "
        "Pass the fitted estimator itself, or say which format to write with framework=..."
    )


def _lightgbm_labels_are_indexes(model: Any) -> bool:
    """A LightGBM text file keeps no class labels: only 0..k-1 labels survive it."""
    classes = getattr(model, "classes_", None)
    if classes is None:
        return True
    return [str(c) for c in list(classes)] == [str(i) for i in range(len(classes))]


def save(model: Any, framework: Optional[str], directory: str, sample: Any = None) -> SavedModel:
    """Writes the model into `directory` in the chosen (or detected) framework's format."""
    detected = detect(model, unscripted_ok=framework == "onnx")
    chosen = framework or detected
    if chosen not in FRAMEWORKS:
        raise ScaffoldError(
            f"framework={framework!r} is not one Stagemaker writes; choose one of {', '.join(FRAMEWORKS)}."
        )
    kind = type_name(model)
    if chosen == "onnx":
        from .onnx_export import to_onnx

        path, notes = to_onnx(model, detected, directory, sample)
        return SavedModel(path, "onnx", "onnxruntime", "onnx", kind, notes)
    if chosen != detected and chosen != "sklearn":
        raise ScaffoldError(
            f"{kind} is a {detected} model; it cannot be written as {chosen}. Leave framework unset, or use 'sklearn' (joblib) or 'onnx'."
        )
    if chosen == "xgboost":
        path = os.path.join(directory, "model.json")
        model.save_model(path)  # the scikit-learn wrapper's save_model keeps its classes and type
        return SavedModel(path, "xgboost", "xgboost", "xgboost json", kind)
    if chosen == "lightgbm":
        if hasattr(model, "booster_") and not _lightgbm_labels_are_indexes(model):
            return _joblib(
                model,
                directory,
                kind,
                [
                    "Its class labels are not 0..k-1, which LightGBM's text format cannot keep: written with joblib instead."
                ],
            )
        booster = model.booster_ if hasattr(model, "booster_") else model
        path = os.path.join(directory, "model.txt")
        booster.save_model(path)
        return SavedModel(path, "lightgbm", "lightgbm", "lightgbm text", kind)
    if chosen == "catboost":
        path = os.path.join(directory, "model.cbm")
        model.save_model(path)
        return SavedModel(path, "catboost", "catboost", "catboost cbm", kind)
    if chosen == "keras":
        path = os.path.join(directory, "model.keras")
        model.save(path)
        dist = "keras" if any(m.split(".")[0] == "keras" for m in _mro_modules(model)) else "tensorflow"
        return SavedModel(path, "keras", dist, "keras v3", kind)
    if chosen == "torchscript":
        import torch

        path = os.path.join(directory, "model.pt")
        torch.jit.save(model, path)
        return SavedModel(path, "torchscript", "torch", "torchscript", kind)
    return _joblib(model, directory, kind, [])


def _joblib(model: Any, directory: str, kind: str, notes: List[str]) -> SavedModel:
    from .environment import local_code_modules

    local = local_code_modules(model)
    if local:
        raise ScaffoldError(
            f"{kind} uses code that lives only in this notebook or in local files ({', '.join(sorted(local))}): "
            "the image could not unpickle it. Move that code into an installable package (or use only "
            "library classes), or write the model in a framework's own format."
        )
    try:
        import joblib
    except ImportError:
        raise ScaffoldError(
            "joblib is needed to write a scikit-learn model (pip install joblib; scikit-learn brings it)."
        ) from None
    path = os.path.join(directory, "model.joblib")
    joblib.dump(model, path)
    return SavedModel(path, "sklearn", "scikit-learn", "joblib", kind, notes)
