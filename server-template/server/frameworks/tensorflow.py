"""TensorFlow SavedModels (a folder with saved_model.pb and variables/, as SageMaker's TensorFlow
Serving layout `<version>/saved_model.pb` inside model.tar.gz), answered by the serving
signature itself on tensorflow-cpu.

The artifact is the saved_model.pb file; the SavedModel is the folder holding it.
"""

import os
import re
from typing import Any, Dict, List, Optional

from server.frameworks.deep_learning import TensorModel, introspection, scored_outputs
from server.frameworks.refusal import Refusal
from server.frameworks.tensors import Port, dtype_of, name_unnamed

__all__ = ["PACKAGE", "pins", "introspect", "load", "Model"]

PACKAGE = "tensorflow-cpu"

DEFAULT_TF = "2.20.0"
SIGNATURE = "serving_default"
# tensorflow-cpu releases with Python 3.11 wheels on PyPI (2.12 onwards).
RELEASES = {"2.12": "2.12.1", "2.13": "2.13.1", "2.14": "2.14.1", "2.15": "2.15.1",
            "2.16": "2.16.2",
            "2.17": "2.17.1", "2.18": "2.18.1", "2.19": "2.19.1", "2.20": "2.20.0"}  # fmt: skip


def pins(detection: Dict[str, Any], requested: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    requested = requested or {}
    notes: List[str] = []
    recorded = str(detection.get("frameworkVersion") or "")
    asked = requested.get("tensorflow-cpu") or requested.get("tensorflow")
    minor = ".".join(recorded.split(".")[:2])
    version = asked or (
        recorded if re.match(r"^\d+\.\d+\.\d+$", recorded) and minor in RELEASES else None
    )
    if not version:
        old = bool(re.match(r"^(1\.|2\.([0-9]|1[01])\.)", recorded))  # before Python 3.11 wheels
        version = RELEASES["2.12"] if old else RELEASES.get(minor, DEFAULT_TF)
        notes.append(
            f"The SavedModel records TensorFlow {recorded or 'no version'}: pinned tensorflow-cpu"
            f" {version}, the nearest with Python 3.11 wheels; change requirements.txt if it does"
            " not load."
        )
    # TensorFlow 2.18 is the first built against numpy 2.
    numpy = (
        "2.1.3" if tuple(int(x) for x in re.findall(r"\d+", version)[:2]) >= (2, 18) else "1.26.4"
    )
    notes.append(
        "tensorflow-cpu is about 600 MB installed: the image is the largest of the CPU ones."
    )
    return {
        "package": "tensorflow-cpu",
        "version": version,
        "requirements": [f"tensorflow-cpu=={version}", f"numpy=={requested.get('numpy', numpy)}"],
        "systemPackages": [],
        "notes": notes,
    }


def saved_model_dir(path: str) -> str:
    return path if os.path.isdir(path) else os.path.dirname(path)


class Model(TensorModel):
    def __init__(self, path: str) -> None:
        import tensorflow as tf

        self.tf = tf
        folder = saved_model_dir(path)
        try:
            loaded = tf.saved_model.load(folder)
        except Exception as exc:
            raise Refusal(
                f"TensorFlow {tf.__version__} could not load the SavedModel in {folder}.",
                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
                "Check that variables/ sits beside saved_model.pb; a SavedModel from another"
                " TensorFlow needs that tensorflow-cpu in requirements.txt.",
            ) from None
        self.loaded = loaded
        if SIGNATURE not in loaded.signatures:
            raise Refusal(
                f"The SavedModel has no {SIGNATURE} signature"
                f" (it has: {', '.join(loaded.signatures) or 'none'}).",
                "Serving calls that signature, as TensorFlow Serving does.",
                "Save it with tf.saved_model.save(model, path, signatures={'serving_default': f})"
                " or Keras's model.export(path).",
            )
        self.signature = loaded.signatures[SIGNATURE]
        specs = self.signature.structured_input_signature[1]
        self.input_names = sorted(specs)
        ports = [
            Port(n, dtype_of(specs[n].dtype.name), tuple(specs[n].shape)[1:])
            for n in self.input_names
        ]
        self.inputs = name_unnamed(ports, "input") if len(ports) == 1 else ports
        self.np_dtypes = [specs[n].dtype.as_numpy_dtype for n in self.input_names]
        outs = self.signature.structured_outputs
        self.output_names = sorted(outs)
        out_ports = [
            Port(n, dtype_of(outs[n].dtype.name), tuple(outs[n].shape)[1:])
            for n in self.output_names
        ]
        self.outputs = scored_outputs(out_ports, path)

    def forward(self, arrays: List[Any]) -> List[Any]:
        feeds = {n: self.tf.constant(a) for n, a in zip(self.input_names, arrays)}
        out = self.signature(**feeds)
        return [out[n].numpy() for n in self.output_names]


def load(path: str) -> Model:
    return Model(path)


def introspect(path: str) -> Dict[str, Any]:
    model = Model(path)
    # The serving signature itself on the sample (not the adapter's batching).
    estimator = f"SavedModel signature {SIGNATURE}"
    return introspection("tensorflow", model.tf.__version__, estimator, model, model.forward)
