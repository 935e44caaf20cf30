"""ONNX models run by onnxruntime on the CPU. The runtime follows the file: the oldest onnxruntime
that implements its opsets and IR version bounds what may be asked for; the newest tested one is
pinned (every release runs all opsets back to 7)."""

import re
from typing import Any, Dict, List, Optional, Tuple

from server.frameworks.boosters import answers
from server.frameworks.refusal import Refusal
from server.frameworks.values import categories, class_outputs, plain, sample_value

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

# The package the model card's "framework version" names.
PACKAGE = "onnxruntime"

# onnxruntime release -> (ai.onnx opset, ai.onnx.ml opset, IR version) it implements, per its
# compatibility table; only releases with Python 3.11 wheels.
RUNTIMES: List[Tuple[str, int, int, int]] = [
    ("1.15.1", 19, 3, 9),
    ("1.16.3", 19, 3, 9),
    ("1.17.3", 20, 4, 9),
    ("1.18.1", 21, 4, 10),
    ("1.19.2", 21, 4, 10),
    ("1.20.1", 21, 4, 10),
    ("1.21.1", 22, 5, 10),
    ("1.22.1", 22, 5, 10),
    ("1.23.2", 23, 5, 11),
]
NEWEST = RUNTIMES[-1][0]


def _vt(v: str) -> tuple:
    return tuple(int(p) for p in re.findall(r"\d+", v)[:3])


def _needs(detection: Dict[str, Any]) -> Tuple[int, int, int]:
    onnx = detection.get("onnx") or {}
    opsets = onnx.get("opsets") or {}
    main = max(int(opsets.get("", 0) or 0), int(opsets.get("ai.onnx", 0) or 0))
    return main, int(opsets.get("ai.onnx.ml", 0) or 0), int(onnx.get("irVersion", 0) or 0)


def _supports(row: Tuple[str, int, int, int], need: Tuple[int, int, int]) -> bool:
    return row[1] >= need[0] and row[2] >= need[1] and row[3] >= need[2]


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    need = _needs(detection)
    able = [r for r in RUNTIMES if _supports(r, need)]
    what = f"opset {need[0]}" + (f", ai.onnx.ml {need[1]}" if need[1] else "") + f", IR {need[2]}"
    asked = (requested or {}).get("onnxruntime")
    notes: List[str] = []
    if not able:
        raise Refusal(
            f"{detection.get('file', 'The file')} needs {what}, newer than any onnxruntime"
            f" Stagemaker has tested (up to {NEWEST}).",
            "An older runtime refuses opsets it does not implement.",
            "Export the model again with a lower target opset (skl2onnx: target_opset=...), or"
            " pin a newer onnxruntime in requirements.txt and Generate again.",
        )
    oldest = able[0][0]
    if asked:
        if _vt(asked) < _vt(oldest):
            raise Refusal(
                f"onnxruntime {asked} was asked for, but {detection.get('file', 'the file')}"
                f" needs {what}.",
                f"onnxruntime implements those from {oldest} on.",
                f"Ask for onnxruntime {oldest} or later (up to {NEWEST} is tested) in"
                " requirements.txt or the card's framework version, then Generate again.",
            )
        version = asked
    else:
        version = NEWEST
        notes.append(
            f"The file needs {what}: onnxruntime {oldest} to {NEWEST} run it;" f" pinned {NEWEST}."
        )
    numpy = "numpy==1.26.4" if _vt(version) < _vt("1.20.0") else "numpy==2.2.6"
    return {
        "package": "onnxruntime",
        "version": version,
        "requirements": [f"onnxruntime=={version}", numpy],
        "systemPackages": [],
        "notes": notes,
    }


NUMPY = {
    "tensor(float)": "float32",
    "tensor(double)": "float64",
    "tensor(int64)": "int64",
    "tensor(int32)": "int32",
    "tensor(string)": "object",
    "tensor(bool)": "bool",
}
DTYPE = {
    "tensor(string)": "str",
    "tensor(bool)": "bool",
    "tensor(int64)": "int",
    "tensor(int32)": "int",
}


def _dims(shape: Any) -> Optional[List[int]]:
    """Per-row dims (batch axis dropped) when all are fixed numbers, else None."""
    rest = list(shape)[1:]
    return [int(d) for d in rest] if all(isinstance(d, int) for d in rest) else None


class Model:
    def __init__(self, path: str) -> None:
        import onnxruntime

        self.session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        inputs = self.session.get_inputs()
        first = inputs[0]
        dims = _dims(first.shape)
        self.features: List[Dict[str, Any]]
        self.types = {i.name: NUMPY.get(i.type, "float32") for i in inputs}
        if len(inputs) == 1 and dims and len(dims) == 1 and dims[0] > 1:
            self.layout = "matrix"  # one [n, k] tensor: k positional features
            dtype = DTYPE.get(first.type, "float")
            self.features = [{"name": f"f{i}", "dtype": dtype} for i in range(dims[0])]
        elif len(inputs) == 1 and dims and len(dims) > 1:
            self.layout = "tensor"  # one tensor per row (an image, a sequence)
            tensor: Dict[str, Any] = {"name": first.name, "dtype": DTYPE.get(first.type, "float")}
            self.features = [{**tensor, "shape": dims}]
        else:
            self.layout = "columns"  # one [n, 1] tensor per feature
            self.features = [{"name": i.name, "dtype": DTYPE.get(i.type, "float")} for i in inputs]
        self.input = first.name
        self.outputs_info = self.session.get_outputs()
        self.outputs = self._outputs()

    def _outputs(self) -> List[Dict[str, Any]]:
        outs = self.outputs_info
        label = outs[0]
        self.classifier = len(outs) > 1 and label.type in (
            "tensor(int64)",
            "tensor(string)",
            "tensor(int32)",
        )
        self.classes: Optional[List[Any]] = None
        if self.classifier:
            second = outs[1]
            probe = self.run([{f["name"]: sample_value(f, 0) for f in self.features}])
            if isinstance(probe[1], list) and probe[1] and isinstance(probe[1][0], dict):
                self.classes = categories(sorted(probe[1][0]))  # ZipMap: {class: probability}
            elif label.type != "tensor(string)" and _dims(second.shape):
                self.classes = list(range(int(_dims(second.shape)[0])))  # type: ignore[index]
            return class_outputs("label", self.classes, DTYPE[label.type], True)
        fields = []
        for out in outs:
            dims = _dims(out.shape) or []
            field: Dict[str, Any] = {"name": out.name, "dtype": DTYPE.get(out.type, "float")}
            if dims and dims != [1]:
                field["shape"] = dims
            fields.append(field)
        if len(fields) == 1:
            fields[0]["name"] = "prediction"
        return fields

    def run(self, rows: List[Dict[str, Any]]) -> List[Any]:
        import numpy as np

        if self.layout == "matrix":
            values = [[row[f["name"]] for f in self.features] for row in rows]
            feeds = {self.input: np.asarray(values, dtype=self.types[self.input])}
        elif self.layout == "tensor":
            name = self.features[0]["name"]
            feeds = {name: np.asarray([row[name] for row in rows], dtype=self.types[name])}
        else:
            feeds = {
                f["name"]: np.asarray(
                    [[row[f["name"]]] for row in rows], dtype=self.types[f["name"]]
                )
                for f in self.features
            }
        return list(self.session.run(None, feeds))

    def predict(self, rows: List[Dict[str, Any]]) -> Any:
        import numpy as np

        outs = self.run(rows)
        if self.classifier:
            labels = np.asarray(outs[0]).reshape(len(rows), -1)[:, 0]
            proba = outs[1]
            if isinstance(proba, list):  # ZipMap: one {class: probability} per row
                proba = [[row[k] for k in sorted(row)] for row in proba]
            return labels, proba
        return outs, None

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        labels, proba = self.predict(rows)
        if self.classifier:
            return answers(self.outputs, labels, proba)
        return self._regression(labels, len(rows))

    def _regression(self, outs: List[Any], n: int) -> List[Dict[str, Any]]:
        import numpy as np

        answers_: List[Dict[str, Any]] = [{} for _ in range(n)]
        for field, out in zip(self.outputs, outs):
            values = np.asarray(out)
            values = (
                values.reshape(n) if "shape" not in field else values.reshape(n, *field["shape"])
            )
            for answer, value in zip(answers_, plain(values)):
                answer[field["name"]] = value
        return answers_


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    import onnxruntime

    model = load(path)
    rows = [{f["name"]: _sample(f, i) for f in model.features} for i in range(4)]
    # The runtime's own outputs on those rows, shaped into the Prediction's fields.
    expected = [{"row": r, "prediction": p} for r, p in zip(rows, model.predict_batch(rows))]
    meta = model.session.get_modelmeta()
    info: Dict[str, Any] = {
        "kind": "onnx",
        "frameworkVersion": onnxruntime.__version__,
        "task": "classification" if model.classifier else "regression",
        "estimator": f"{meta.producer_name} {meta.version}".strip(),
        "features": model.features,
        "namedFeatures": model.layout == "columns",
        "outputs": model.outputs,
        "probabilities": model.classifier,
        "expected": expected,
    }
    if model.classifier:
        info["classType"] = model.outputs[0]["dtype"]
        if model.classes is not None:
            info["classes"] = model.classes
    return info


def _sample(feature: Dict[str, Any], i: int) -> Any:
    if "shape" not in feature:
        return sample_value(feature, i)
    import numpy as np

    size = int(np.prod(feature["shape"]))
    flat = [sample_value({"dtype": feature["dtype"]}, i + k) for k in range(size)]
    return plain(np.asarray(flat, dtype=object).reshape(feature["shape"]))
