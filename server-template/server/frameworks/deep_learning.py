"""What the Keras, TensorFlow and PyTorch adapters' models share beyond tensors.py: a batch of rows
answered through the framework's forward, the class scores labels.txt names, and the
Introspection from the framework's own answers on sample rows."""

from typing import Any, Callable, Dict, List

from server.frameworks.tensors import Outputs, Port, batch, features, labels_beside, sample_rows


class TensorModel:
    """A deep-learning adapter's Model: __init__ sets `inputs` (one Port per model input),
    `np_dtypes` (the numpy dtype each input takes) and `outputs`; `forward` runs the framework
    on one array per input and gives one array per output."""

    inputs: List[Port]
    np_dtypes: List[Any]
    outputs: Outputs

    def forward(self, arrays: List[Any]) -> List[Any]:
        raise NotImplementedError

    def predict_batch(self, rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return self.outputs.answers(self.forward(batch(rows, self.inputs, self.np_dtypes)))


def per_output(out: Any) -> List[Any]:
    """A framework's answer as one item per output: a lone tensor is the only output."""
    return list(out) if isinstance(out, (list, tuple)) else [out]


def scored_outputs(ports: List[Port], path: str) -> Outputs:
    """Outputs of a model that records no softmax (PyTorch, TensorFlow): labels.txt beside it
    makes a single 1-D output the class scores, and its argmax the label."""
    labels = labels_beside(path)
    classify = 0 if labels and len(ports) == 1 and len(ports[0].shape) == 1 else None
    return Outputs(ports, classify, labels, scores="scores")


def introspection(
    kind: str,
    version: str,
    estimator: str,
    model: TensorModel,
    own: Callable[[List[Any]], List[Any]],
) -> Dict[str, Any]:
    """The Introspection of a loaded model. `own` answers sample arrays (typed as the model's
    inputs) with the framework's own API, so the expected answers do not come through the
    adapter's rows-to-arrays path that the generated tests check."""
    arrays, rows = sample_rows(model.inputs)
    answers = model.outputs.answers(own([a.astype(d) for a, d in zip(arrays, model.np_dtypes)]))
    fields = model.outputs.fields()
    classify = model.outputs.classify is not None
    lone = len(model.inputs) == 1 and model.inputs[0].flat
    info: Dict[str, Any] = {
        "kind": kind,
        "frameworkVersion": version,
        "task": (
            "classification"
            if classify
            else "regression" if len(fields) == 1 and "shape" not in fields[0] else "other"
        ),
        "estimator": estimator,
        "features": features(model.inputs),
        "namedFeatures": not lone or model.inputs[0].named,
        "outputs": fields,
        # Softmax outputs are probabilities; scores a labels.txt names are not.
        "probabilities": classify and model.outputs.scores == "probabilities",
        "expected": [{"row": r, "prediction": a} for r, a in zip(rows, answers)],
    }
    if classify:
        info["classes"] = fields[0]["categories"]
        info["classType"] = fields[0]["dtype"]
    return info
