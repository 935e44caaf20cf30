"""Each SageMaker framework container's own default handler functions, used when the script
leaves one out. STAGEMAKER_HANDLER_DEFAULTS names the container whose answers you want:

- sklearn: sagemaker-scikit-learn-container (single-model endpoint: sagemaker-containers stack)
- xgboost: sagemaker-xgboost-container in script mode (same stack; XGBoost's own CSV/LibSVM input)
- toolkit: sagemaker-inference-toolkit's DefaultInferenceHandler (PyTorch, Hugging Face, MXNet)

All three require a model_fn: none of them loads a model by itself in script mode (the XGBoost
container loads `xgboost-model` only in algorithm mode, without SAGEMAKER_PROGRAM)."""

import csv
from dataclasses import dataclass
from typing import Any, Callable, Dict

from server.handlers import encoding
from server.handlers.encoding import CSV, TEXT_TYPES, UnsupportedFormatError


@dataclass(frozen=True)
class Reply:
    """What sagemaker-containers' Response held: a body and the mimetype it was given."""

    body: Any
    mimetype: str


@dataclass(frozen=True)
class Defaults:
    name: str
    stack: str  # "containers" or "toolkit": how requests, answers and errors are handled
    model_fn: Callable[..., Any]
    input_fn: Callable[..., Any]
    predict_fn: Callable[..., Any]
    output_fn: Callable[..., Any]


def _missing(name: str, docs: str) -> Callable[..., Any]:
    """The containers' own words when a needed function is missing (the toolkit sends them as
    the error body): a blank line, the request, where the documentation is."""

    def default(*args: Any) -> Any:
        raise NotImplementedError(
            f"\nPlease provide a {name} implementation.\nSee documentation for {name} at {docs}\n"
        )

    default.__name__ = f"default_{name}"
    return default


SDK = "https://github.com/aws/sagemaker-python-sdk"
READTHEDOCS = "https://sagemaker.readthedocs.io/en/stable/"


# scikit-learn container: decode, then float32 for JSON and CSV (npy arrays keep their dtype).
def sklearn_input_fn(input_data: Any, content_type: str) -> Any:
    array = encoding.containers_decode(input_data, content_type)
    return array.astype("float32") if content_type in TEXT_TYPES else array


def sklearn_predict_fn(input_data: Any, model: Any) -> Any:
    return model.predict(input_data)


def containers_output_fn(prediction: Any, accept: str) -> Reply:
    return Reply(encoding.containers_encode(prediction, accept), accept)


# XGBoost container: CSV and LibSVM into a DMatrix (JSON and npy are not read by default).
def _csv_to_dmatrix(body: Any) -> Any:
    import numpy as np
    import xgboost as xgb

    text = body.decode() if isinstance(body, bytes) else body
    sniffed = csv.Sniffer().sniff(text.split("\n")[0][:512]).delimiter
    delimiter = "," if sniffed.isalnum() else sniffed
    rows = [
        ["nan" if cell == "" else cell for cell in line.split(delimiter)]
        for line in text.split("\n")
    ]
    # Every line is a row, a trailing newline too: the container errors on it, and so do we.
    return xgb.DMatrix(np.array(rows).astype(None))


def _libsvm_to_dmatrix(body: Any) -> Any:
    import numpy as np
    import xgboost as xgb

    text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
    rows = []
    for line in text.strip().split("\n"):
        row: Dict[int, float] = {}
        for token in line.strip().split():
            if ":" in token:
                index, value = token.split(":", 1)
                row[int(index)] = float(value)
        rows.append(row)
    if not rows or not any(rows):
        return xgb.DMatrix(np.empty((0, 0)))
    low = min(i for row in rows for i in row)
    offset = 1 if low >= 1 else 0  # 1-based indexes (standard LibSVM) move to 0-based
    width = max(i for row in rows for i in row) - offset + 1
    data = np.zeros((len(rows), width))
    for n, row in enumerate(rows):
        for i, value in row.items():
            data[n, i - offset] = value
    return xgb.DMatrix(data)


XGBOOST_DECODERS: Dict[str, Callable[[Any], Any]] = {
    CSV: _csv_to_dmatrix,
    "text/libsvm": _libsvm_to_dmatrix,
    "text/x-libsvm": _libsvm_to_dmatrix,
}


def xgboost_input_fn(input_data: Any, content_type: str) -> Any:
    essence = content_type.split(";", 1)[0].strip()  # the container parses parameters here
    if essence == "application/x-recordio-protobuf":
        raise UnsupportedFormatError(f"{essence} (Stagemaker does not read RecordIO-protobuf yet)")
    if essence not in XGBOOST_DECODERS:
        raise UnsupportedFormatError(essence)
    return XGBOOST_DECODERS[essence](input_data)


def xgboost_predict_fn(input_data: Any, model: Any) -> Any:
    return model.predict(input_data, validate_features=False)


# Inference Toolkit: decode by exact type; output in the first Accept entry it can write.
def toolkit_input_fn(input_data: Any, content_type: Any) -> Any:
    return encoding.toolkit_decode(input_data, content_type)


def toolkit_output_fn(prediction: Any, accept: str) -> Any:
    for content_type in encoding.toolkit_accept_list(accept):
        if content_type in encoding.TOOLKIT_ENCODERS:
            return encoding.toolkit_encode(prediction, content_type), content_type
    raise UnsupportedFormatError(accept)


DEFAULTS = {
    "sklearn": Defaults(
        "sklearn",
        "containers",
        _missing("model_fn", SDK),
        sklearn_input_fn,
        sklearn_predict_fn,
        containers_output_fn,
    ),
    "xgboost": Defaults(
        "xgboost",
        "containers",
        _missing("model_fn", SDK),
        xgboost_input_fn,
        xgboost_predict_fn,
        containers_output_fn,
    ),
    "toolkit": Defaults(
        "toolkit",
        "toolkit",
        _missing("model_fn", READTHEDOCS),
        toolkit_input_fn,
        _missing("predict_fn", READTHEDOCS),
        toolkit_output_fn,
    ),
}
