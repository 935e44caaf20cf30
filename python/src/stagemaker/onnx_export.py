"""framework="onnx": the model converted with its framework's ONNX converter (skl2onnx,
onnxmltools, torch.onnx), for the onnxruntime predictor."""

from __future__ import annotations

import os
from typing import Any, List, Tuple

from .errors import ScaffoldError


def _width(model: Any, sample: Any) -> int:
    if sample is not None:
        shape = getattr(sample, "shape", None)
        return int(shape[1]) if shape is not None and len(shape) > 1 else len(list(sample)[0])
    n = getattr(model, "n_features_in_", None)
    if n is None:
        raise ScaffoldError("Converting to ONNX needs the number of input columns: pass sample=... (a few rows).")
    return int(n)


def _need(module: str, package: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        raise ScaffoldError(
            f"Converting this model to ONNX needs {package} here: pip install {package}, or leave framework unset to write its own format."
        ) from None


def to_onnx(model: Any, detected: str, directory: str, sample: Any) -> Tuple[str, List[str]]:
    path = os.path.join(directory, "model.onnx")
    if detected == "onnx":  # already an onnx.ModelProto
        data = model.SerializeToString()
    elif detected in ("sklearn", "xgboost", "lightgbm"):
        width = _width(model, sample)
        if detected == "sklearn":
            skl2onnx = _need("skl2onnx", "skl2onnx")
            from skl2onnx.common.data_types import FloatTensorType

            onx = skl2onnx.convert_sklearn(model, initial_types=[("input", FloatTensorType([None, width]))])
        else:
            tools = _need("onnxmltools", "onnxmltools")
            from onnxmltools.convert.common.data_types import FloatTensorType as Float

            convert = tools.convert_xgboost if detected == "xgboost" else tools.convert_lightgbm
            onx = convert(model, initial_types=[("input", Float([None, width]))])
        data = onx.SerializeToString()
    elif detected == "torchscript" or _is_torch(model):
        torch = _need("torch", "torch")
        if sample is None:
            raise ScaffoldError(
                "Exporting a PyTorch module to ONNX traces it on an input: pass sample=... (a few rows)."
            )
        torch.onnx.export(
            model,
            (torch.as_tensor(sample, dtype=torch.float32),),
            path,
            input_names=["input"],
            dynamic_axes={"input": {0: "batch"}},
        )
        return path, ["Exported with torch.onnx.export on the sample's shape (batch dimension dynamic)."]
    else:
        raise ScaffoldError(
            f"Stagemaker does not convert {detected} models to ONNX; convert it yourself (tf2onnx for Keras) and pass the onnx.ModelProto."
        )
    with open(path, "wb") as out:
        out.write(data)
    return path, [f"Converted from {detected} to ONNX (float32 inputs)."]


def _is_torch(model: Any) -> bool:
    return any(c.__module__.startswith("torch.") for c in type(model).__mro__)
