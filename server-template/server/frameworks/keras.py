"""Keras 3 models (.keras archives; legacy .h5 files Keras 3 loads), answered by Keras's own
predict on the lightest backend that runs them.

The backend, measured (bench/deeplearning.ts): Keras 3's NumPy backend runs inference eagerly
(no compile per batch shape) and loads every layer we tried (Dense, Conv1D/2D, pooling, LSTM,
GRU, Embedding, normalisation, MultiHeadAttention) with answers equal to JAX's within 5e-7. It is
not JAX-free: keras/src/backend/numpy imports jax.lax (convolutions) and scipy, so the image
holds keras + jax + jaxlib + scipy either way, and NumPy is chosen for its eager start. Layers
that need TensorFlow under any backend (text and lookup preprocessing) get tensorflow-cpu and the
TensorFlow backend, and the notes say so. KERAS_BACKEND set in the environment wins.
"""

import json
import os
import re
import zipfile
from typing import Any, Dict, Iterator, List, Optional

from server.frameworks.deep_learning import TensorModel, introspection, per_output
from server.frameworks.refusal import Refusal
from server.frameworks.tensors import Outputs, Port, dtype_of, labels_beside, name_unnamed

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model", "backend_for", "layer_names"]

PACKAGE = "keras"

# Keras 3 layers that import TensorFlow whatever the backend (keras/src/layers/preprocessing).
NEEDS_TENSORFLOW = {
    "TextVectorization",
    "StringLookup",
    "IntegerLookup",
    "Hashing",
    "HashedCrossing",
}
DEFAULT_KERAS = "3.12.0"
TENSORFLOW_CPU = "2.20.0"


def _minor(version: str) -> int:
    match = re.match(r"^3\.(\d+)\.", version)
    return int(match.group(1)) if match else -1


def _light_stack(version: str) -> List[str]:
    """jax/numpy/scipy known to install with this Keras on Python 3.11 (tested: 3.12.0 row)."""
    minor = _minor(version)
    if minor >= 10:
        return ["jax==0.7.2", "jaxlib==0.7.2", "numpy==2.2.6", "scipy==1.15.3"]
    if minor >= 4:
        return ["jax==0.4.38", "jaxlib==0.4.38", "numpy==1.26.4", "scipy==1.13.1"]
    return ["jax==0.4.30", "jaxlib==0.4.30", "numpy==1.26.4", "scipy==1.13.1"]


def backend_for(layers: List[str]) -> str:
    return "tensorflow" if NEEDS_TENSORFLOW & set(layers) else "numpy"


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    requested = requested or {}
    notes: List[str] = []
    recorded = str(detection.get("frameworkVersion") or "")
    version = requested.get("keras") or recorded
    if not re.match(r"^3\.\d+\.\d+$", version):
        notes.append(
            f"The file records Keras {recorded or 'no version'}, not a Keras 3 release: pinned"
            f" {DEFAULT_KERAS}; change requirements.txt if it does not load."
            if not requested.get("keras")
            else f"keras=={version} is not a Keras 3 release; Stagemaker serves Keras 3 files."
        )
        version = DEFAULT_KERAS
    layers = [str(x) for x in detection.get("layers") or []]
    backend = backend_for(layers)
    if backend == "tensorflow":
        needs = sorted(NEEDS_TENSORFLOW & set(layers))
        stack = [f"tensorflow-cpu=={requested.get('tensorflow-cpu', TENSORFLOW_CPU)}"]
        notes.append(
            f"{', '.join(needs)} need TensorFlow under every Keras backend: the image carries"
            " tensorflow-cpu (about 600 MB more than the NumPy backend) and runs the TensorFlow"
            " backend."
        )
    else:
        stack = _light_stack(version)
        notes.append(
            "Served on Keras's NumPy backend (inference only, eager); Keras imports jax and scipy"
            " for it, so they are installed too (no TensorFlow)."
        )
    stack = [_requested(line, requested) for line in stack]
    return {
        "package": "keras",
        "version": version,
        "requirements": [f"keras=={version}", *stack],
        "systemPackages": [],
        "notes": notes,
    }


def _requested(line: str, requested: Dict[str, str]) -> str:
    name = line.split("==")[0]
    return f"{name}=={requested[name]}" if name in requested else line


def _class_names(config: Any) -> Iterator[str]:
    if isinstance(config, dict):
        if isinstance(config.get("class_name"), str):
            yield config["class_name"]
        for value in config.values():
            yield from _class_names(value)
    elif isinstance(config, list):
        for value in config:
            yield from _class_names(value)


def layer_names(path: str) -> List[str]:
    """Every class the saved config names (.keras: config.json; .h5: its model_config), read
    before Keras is imported, since the backend must be chosen first."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                config = json.loads(archive.read("config.json"))
        else:
            import h5py

            with h5py.File(path, "r") as f:
                raw = f.attrs.get("model_config")
                config = json.loads(raw.decode() if isinstance(raw, bytes) else raw or "{}")
    except Exception:  # unreadable here: Keras's own load says why
        return []
    return sorted(set(_class_names(config)))


def _import_keras(path: str) -> Any:
    os.environ.setdefault("KERAS_BACKEND", backend_for(layer_names(path)))
    import keras

    return keras


class Model(TensorModel):
    def __init__(self, path: str) -> None:
        keras = _import_keras(path)
        self.keras = keras
        try:
            self.model = keras.saving.load_model(path, compile=False)
        except Exception as exc:
            raise Refusal(
                f"Keras {keras.__version__} could not load {os.path.basename(path)}.",
                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                "A custom layer needs its code: put it in model/, register it with"
                " @keras.saving.register_keras_serializable, and import it in model/predictor.py;"
                " a file from another Keras needs that version in requirements.txt.",
            ) from None
        self.inputs = name_unnamed([self._port(t) for t in self.model.inputs], "input")
        self.np_dtypes = [str(t.dtype) for t in self.model.inputs]
        ports = [self._port(t) for t in self.model.outputs]
        names = list(getattr(self.model, "output_names", None) or [])
        for port, name in zip(ports, names):
            port.name = name
        self.outputs = Outputs(ports, self._softmax_output(), labels_beside(path))

    @staticmethod
    def _port(tensor: Any) -> Port:
        return Port(str(tensor.name), dtype_of(str(tensor.dtype)), tuple(tensor.shape)[1:])

    def _softmax_output(self) -> Optional[int]:
        """The output a softmax layer gives (the model's class probabilities), if any."""
        if len(self.model.outputs) != 1:
            return None
        history = getattr(self.model.outputs[0], "_keras_history", None)
        layer = getattr(history, "operation", None) or (
            self.model.layers[-1] if self.model.layers else None
        )
        activation = getattr(getattr(layer, "activation", None), "__name__", "")
        shape = tuple(self.model.outputs[0].shape)[1:]
        softmax = activation == "softmax" or type(layer).__name__ == "Softmax"
        return 0 if softmax and len(shape) == 1 and (shape[0] or 0) > 1 else None

    def forward(self, arrays: List[Any]) -> List[Any]:
        return per_output(self.model.predict_on_batch(arrays[0] if len(arrays) == 1 else arrays))


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    model = Model(path)
    keras = model.keras

    def own(typed: List[Any]) -> List[Any]:
        # Keras's own predict on the sample (its batching and data adapter, not the adapter's path).
        return per_output(model.model.predict(typed[0] if len(typed) == 1 else typed, verbose=0))

    estimator = (
        f"{type(model.model).__name__} of {len(model.model.layers)} layers"
        f" (Keras backend: {keras.backend.backend()})"
    )
    return introspection("keras", keras.__version__, estimator, model, own)
