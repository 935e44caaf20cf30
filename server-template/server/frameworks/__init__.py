"""Framework adapters: one module per framework, each with pins(), introspect() and load().

See README.md beside this file for the convention and the JSON shapes.
"""

import importlib
from types import ModuleType
from typing import Any, Dict, Iterable, List

from server.frameworks.refusal import Refusal

# kind (app/contract/model.ts ModelKind) -> module; other branches add keras, tensorflow, pytorch.
KINDS = {
    "sklearn": "server.frameworks.sklearn",
    "xgboost": "server.frameworks.xgboost",
    "lightgbm": "server.frameworks.lightgbm",
    "catboost": "server.frameworks.catboost",
    "onnx": "server.frameworks.onnx",
    "keras": "server.frameworks.keras",
    "tensorflow": "server.frameworks.tensorflow",
    "pytorch": "server.frameworks.pytorch",
}


def adapter(kind: str) -> ModuleType:
    """The adapter module for `kind`, imported only when asked (frameworks are heavy)."""
    if kind not in KINDS:
        raise Refusal(
            f"Stagemaker has no adapter for {kind} models.",
            f"It serves {', '.join(sorted(KINDS))} files.",
            "Keep the file in artifacts/ and write model/predictor.py yourself.",
        )
    return importlib.import_module(KINDS[kind])


__all__ = ["KINDS", "Refusal", "adapter", "as_rows"]


def as_rows(models: Iterable[Any]) -> List[Dict[str, Any]]:
    """pydantic models (Instances, Predictions) as dicts keyed by alias: the model's own names."""
    return [
        m.model_dump(by_alias=True) if hasattr(m, "model_dump") else m.dict(by_alias=True)
        for m in models
    ]
