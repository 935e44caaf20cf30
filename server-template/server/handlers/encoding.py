"""The default decoders and encoders of SageMaker's two serving stacks, written from their
documented behaviour and source (our own code; the table in the README says what each matches):

- "containers": sagemaker-containers 2.8, under gunicorn/Flask: the scikit-learn and XGBoost
  framework containers' single-model endpoints;
- "toolkit": sagemaker-inference-toolkit 1.x, under Multi Model Server: PyTorch, Hugging Face,
  MXNet, and the scikit-learn/XGBoost containers' multi-model endpoints.

Both match the media type as an exact string, as SageMaker's own code does: a handler script sees
the Content-Type header as sent. numpy is imported on first use (a handler image has it)."""

import csv
import io
import json
from typing import Any, Callable, Dict

JSON = "application/json"
CSV = "text/csv"
NPY = "application/x-npy"
NPZ = "application/x-npz"
TEXT_TYPES = (JSON, CSV)  # bodies the stacks hand to input_fn as str, not bytes


class UnsupportedFormatError(Exception):
    """A content type no default decoder or encoder knows (the stacks' own wording)."""

    def __init__(self, content_type: Any) -> None:
        super().__init__(
            f"Content type {content_type} is not supported by this framework.\n\n"
            "            Please implement input_fn to to deserialize the request data or an "
            "output_fn to\n            serialize the response. For more information, see the "
            "SageMaker Python SDK README."
        )


def _np() -> Any:
    import numpy

    return numpy


def _to_list(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def array_to_json(value: Any) -> str:
    # Both stacks: json.dumps with numpy values turned into lists (default separators).
    return json.dumps(value, default=_to_list)


def array_to_npy(value: Any) -> bytes:
    buffer = io.BytesIO()
    _np().save(buffer, value)
    return buffer.getvalue()


def npy_to_array(body: Any, allow_pickle: bool) -> Any:
    # Both stacks pass allow_pickle=True; we do not (an object array in a request runs code).
    return _np().load(io.BytesIO(_bytes(body)), allow_pickle=allow_pickle)


def json_to_array(body: Any) -> Any:
    return _np().array(json.loads(body))


# --- sagemaker-containers (scikit-learn / XGBoost single-model endpoints) ---


class ClientError(Exception):
    """sagemaker-containers wraps every handler function's exception in this (a 500 either way)."""


def containers_csv_to_array(text: str) -> Any:
    """csv.reader rows as one array, squeezed (a single row becomes 1-D), cast to float64 when
    every cell is a number; left as strings otherwise (the stack swallows that ValueError)."""
    np = _np()
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=",", quotechar='"', strict=True))
        array = np.array(rows).squeeze()
    except Exception as exc:
        raise ClientError(f"Error while decoding csv: {exc}") from exc
    try:
        return array.astype(None)
    except ValueError:
        return array


def containers_array_to_csv(value: Any) -> str:
    """One row per line (a 1-D array becomes one column), cells written by csv.writer."""
    np = _np()
    array = np.array(value)
    if len(array.shape) == 1:
        array = np.reshape(array, (array.shape[0], 1))
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n", delimiter=",", quotechar='"', strict=True)
    try:
        writer.writerows(array)
    except csv.Error as exc:
        raise ClientError(f"Error while encoding csv: {exc}") from exc
    return stream.getvalue()


CONTAINERS_DECODERS: Dict[str, Callable[[Any], Any]] = {
    NPY: lambda body: npy_to_array(body, allow_pickle=False),
    CSV: containers_csv_to_array,
    JSON: json_to_array,
}
CONTAINERS_ENCODERS: Dict[str, Callable[[Any], Any]] = {
    NPY: array_to_npy,
    CSV: containers_array_to_csv,
    JSON: array_to_json,
}


def _coded(table: Dict[str, Callable[[Any], Any]], media_type: Any, value: Any) -> Any:
    """`value` through the table's coder for `media_type`; a type the table lacks raises the
    stacks' own UnsupportedFormatError."""
    if media_type not in table:
        raise UnsupportedFormatError(media_type)
    return table[media_type](value)


def containers_decode(body: Any, content_type: str) -> Any:
    return _coded(CONTAINERS_DECODERS, content_type, body)


def containers_encode(value: Any, accept: str) -> Any:
    return _coded(CONTAINERS_ENCODERS, accept, value)


# --- sagemaker-inference-toolkit (Multi Model Server) ---


def toolkit_csv_to_array(text: str) -> Any:
    return _np().genfromtxt(io.StringIO(text), delimiter=",")


def toolkit_array_to_csv(value: Any) -> str:
    stream = io.StringIO()
    _np().savetxt(stream, value, delimiter=",", fmt="%s")
    return stream.getvalue()


def toolkit_npz_to_sparse(body: Any) -> Any:
    import scipy.sparse

    return scipy.sparse.load_npz(io.BytesIO(_bytes(body)))


TOOLKIT_DECODERS: Dict[str, Callable[[Any], Any]] = {
    NPY: lambda body: npy_to_array(body, allow_pickle=False),
    CSV: toolkit_csv_to_array,
    JSON: json_to_array,
    NPZ: toolkit_npz_to_sparse,
}
TOOLKIT_ENCODERS: Dict[str, Callable[[Any], Any]] = {
    NPY: array_to_npy,
    CSV: toolkit_array_to_csv,
    JSON: array_to_json,
}


def toolkit_decode(body: Any, content_type: Any) -> Any:
    return _coded(TOOLKIT_DECODERS, content_type, body)


def toolkit_encode(value: Any, content_type: str) -> Any:
    return _coded(TOOLKIT_ENCODERS, content_type, value)


def toolkit_accept_list(accept: str) -> list:
    """The toolkit's Accept parsing: spaces removed, split on commas, q-values kept as text."""
    return accept.replace(" ", "").split(",")


def _bytes(body: Any) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)
