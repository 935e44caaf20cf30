"""What the tensor frameworks (Keras, TensorFlow, PyTorch) share: Instance fields from a model's
inputs, batches from rows, Prediction fields and answers from its outputs.

A flat input of a few positions becomes one field per position (CSV-friendly); any other input
is one field holding a nested list of its shape (JSON, or application/x-npy for one input).
"""

import os
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

# A flat input wider than this stays one tensor field: 784 CSV columns help nobody.
MAX_FLAT_FIELDS = 64
# Names frameworks give inputs and outputs nobody named (positional f0…fN instead).
_AUTO = re.compile(
    r"^(input|input_layer|inputs|keras_tensor|serving_default_.*|args?_\d+|x|input_\d+|"
    r"output|output_\d+|dense(_\d+)?)(_\d+)?(:0)?$"
)


class Port:
    """One model input or output: its own name, element type and per-row shape (None = any)."""

    def __init__(self, name: str, dtype: str, shape: Sequence[Optional[int]]) -> None:
        self.name = name
        self.dtype = dtype  # float, int, bool, str
        self.shape = tuple(shape)

    @property
    def flat(self) -> bool:
        return (
            len(self.shape) == 1 and self.shape[0] is not None and self.shape[0] <= MAX_FLAT_FIELDS
        )

    @property
    def named(self) -> bool:
        return not _AUTO.match(self.name)


def name_unnamed(ports: List[Port], word: str) -> List[Port]:
    """Unnamed inputs become `input` (alone) or input_0, input_1… in the model's order."""
    for i, port in enumerate(ports):
        if not port.named:
            port.name = word if len(ports) == 1 else f"{word}_{i}"
    return ports


def dtype_of(name: str) -> str:
    """A framework dtype name (float32, torch.int64, tf.bool, string) to a field type."""
    name = str(name).lower().replace("torch.", "").replace("tf.", "")
    if "bool" in name:
        return "bool"
    if "int" in name:
        return "int"
    if "str" in name or "object" in name:
        return "str"
    return "float"


def _shape(port: Port) -> List[int]:
    # -1: a dimension of any size (a sequence's length).
    return [-1 if d is None else int(d) for d in port.shape]


def flat_names(port: Port, alone: bool) -> List[str]:
    """f0…fN for the only, unnamed input; <name>_0… for a named one."""
    width = int(port.shape[0] or 0)
    prefix = f"{port.name}_" if port.named or not alone else "f"
    return [f"{prefix}{i}" for i in range(width)]


def features(inputs: List[Port]) -> List[Dict[str, Any]]:
    """Instance fields: one per position of a lone flat input, else one tensor field per input."""
    if len(inputs) == 1 and inputs[0].flat:
        return [{"name": n, "dtype": inputs[0].dtype} for n in flat_names(inputs[0], True)]
    out = []
    for port in inputs:
        field: Dict[str, Any] = {"name": port.name, "dtype": port.dtype}
        if port.shape:
            field["shape"] = _shape(port)
        out.append(field)
    return out


def batch(rows: List[Dict[str, Any]], inputs: List[Port], np_dtypes: List[Any]) -> List[Any]:
    """Rows keyed by feature name to one numpy array per input, in the model's input order."""
    import numpy as np

    if len(inputs) == 1 and inputs[0].flat:
        names = flat_names(inputs[0], True)
        return [np.asarray([[row[n] for n in names] for row in rows], dtype=np_dtypes[0])]
    return [
        np.asarray([row[port.name] for row in rows], dtype=dtype)
        for port, dtype in zip(inputs, np_dtypes)
    ]


def labels_beside(path: str) -> Optional[List[str]]:
    """Class labels the person gave: labels.txt (one per line) beside the model file."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    stem = os.path.splitext(os.path.basename(path.rstrip("/")))[0]
    for name in (f"{stem}.labels.txt", "labels.txt"):
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as f:
                return [line.strip() for line in f if line.strip()]
    return None


class Outputs:
    """Prediction fields from the model's outputs; `classify` marks a softmax output whose
    argmax is the label (the class index, or the label the person gave)."""

    def __init__(
        self,
        ports: List[Port],
        classify: Optional[int],
        labels: Optional[List[str]],
        scores: str = "probabilities",
    ) -> None:
        self.ports = ports
        self.scores = scores  # the class scores' field: probabilities (softmax) or scores (logits)
        self.classify = classify
        width = ports[classify].shape[-1] if classify is not None else None
        if labels is not None and width is not None and len(labels) != width:
            # A labels.txt for another model: class indexes are honest, wrong names are not.
            labels = None
        self.labels = labels
        self.width = width
        self.names = [self._name(i, p) for i, p in enumerate(ports)]

    def _name(self, index: int, port: Port) -> str:
        if len(self.ports) == 1:
            return self.scores if self.classify is not None else "prediction"
        return port.name if port.named else f"output_{index}"

    @staticmethod
    def _scalar(port: Port) -> bool:
        return port.shape in ((), (1,))

    def fields(self) -> List[Dict[str, Any]]:
        out: List[Dict[str, Any]] = []
        if self.classify is not None:
            classes: List[Any] = self.labels or list(range(int(self.width or 0)))
            out.append(
                {"name": "label", "dtype": "str" if self.labels else "int", "categories": classes}
            )
        for name, port in zip(self.names, self.ports):
            field: Dict[str, Any] = {"name": name, "dtype": port.dtype}
            if not self._scalar(port):
                field["shape"] = _shape(port)
            out.append(field)
        return out

    def answers(self, arrays: List[Any]) -> List[Dict[str, Any]]:
        """One dict per row from the framework's output arrays (batch axis first)."""
        import numpy as np

        arrays = [np.asarray(a) for a in arrays]
        rows = len(arrays[0])
        out: List[Dict[str, Any]] = [{} for _ in range(rows)]
        if self.classify is not None:
            picked = np.argmax(arrays[self.classify], axis=-1).tolist()
            for answer, index in zip(out, picked):
                answer["label"] = self.labels[index] if self.labels else int(index)
        for name, port, array in zip(self.names, self.ports, arrays):
            values = array.reshape(rows).tolist() if self._scalar(port) else array.tolist()
            for answer, value in zip(out, values):
                answer[name] = value
        return out


def sample_rows(
    inputs: List[Port], count: int = 4, seed: int = 7
) -> Tuple[List[Any], List[Dict[str, Any]]]:
    """A few rows to show the model: normal floats, small ints (valid token ids for any
    vocabulary), alternating bools; as arrays for the framework and as rows by feature name."""
    import numpy as np

    rng = np.random.default_rng(seed)
    arrays = []
    for port in inputs:
        shape = (count,) + tuple(3 if d is None else int(d) for d in port.shape)
        if port.dtype == "int":
            arrays.append(rng.integers(0, 2, size=shape))
        elif port.dtype == "bool":
            arrays.append(rng.integers(0, 2, size=shape).astype(bool))
        else:
            arrays.append(rng.normal(size=shape).astype("float32"))
    rows: List[Dict[str, Any]] = [{} for _ in range(count)]
    if len(inputs) == 1 and inputs[0].flat:
        names = flat_names(inputs[0], True)
        for row, values in zip(rows, arrays[0].tolist()):
            row.update(zip(names, values))
    else:
        for port, array in zip(inputs, arrays):
            for row, value in zip(rows, array.tolist()):
                row[port.name] = value
    return arrays, rows
