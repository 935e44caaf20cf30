"""Request bodies to instances and predictions to response bodies, per media type."""

import csv
import importlib.util
import io
import json
from typing import Any, Dict, List, Optional, Set

from server import media
from server.compat import (
    Codec,
    MalformedJson,
    accepts_missing,
    alias_of,
    field_names,
    is_list_field,
    is_text_field,
)

# application/x-npy only when numpy is in the image; imported on first use (start-up time).
HAS_NUMPY = importlib.util.find_spec("numpy") is not None


class BadRequest(ValueError):
    """The body cannot be read as the declared media type (400)."""


def readable() -> List[str]:
    return [media.JSON, media.CSV, media.JSONLINES] + ([media.NPY] if HAS_NUMPY else [])


def writable() -> List[str]:
    return readable()


def decode(essence: str, params: Dict[str, str], body: bytes, codec: Codec) -> List[Any]:
    if essence == media.JSON:
        return codec.request_json(body)
    if essence == media.CSV:
        return codec.instances(_csv_rows(_text(body, params), codec))
    if essence == media.JSONLINES:
        return codec.instances(_json_lines(_text(body, params)))
    if essence == media.NPY:
        return codec.instances(_npy_rows(body, codec))
    raise AssertionError(essence)


def encode(essence: str, predictions: List[Any], codec: Codec) -> bytes:
    if essence == media.JSON:
        return b'{"predictions":' + codec.predictions_json(predictions) + b"}"
    if essence == media.JSONLINES:
        return b"".join(codec.prediction_json(p) + b"\n" for p in predictions)
    names = field_names(codec.prediction_model)
    rows = [[codec.prediction_dict(p).get(n) for n in names] for p in predictions]
    if essence == media.CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
        return out.getvalue().encode()
    if essence == media.NPY:
        import numpy

        buf = io.BytesIO()
        numpy.save(buf, _npy_array(rows), allow_pickle=False)
        return buf.getvalue()
    raise AssertionError(essence)


class Unencodable(ValueError):
    """The predictions have no form in the type asked for (406)."""


def _npy_array(rows: List[List[Any]]) -> Any:
    """One array of the prediction rows: as they are when rectangular, else each row's numbers
    in field order (a label, then its class scores: the columns a CSV row would have)."""
    import numpy

    try:
        array = numpy.array(rows)
        if array.dtype.kind in "biufU":
            return array
    except ValueError:  # a scalar beside a list: numpy refuses the ragged shape
        pass
    flat = [_numbers(row) for row in rows]
    first = flat[0] if flat else None
    if first is not None and all(f is not None and len(f) == len(first) for f in flat):
        return numpy.array(flat)
    raise Unencodable(
        "these predictions are not one array of numbers (text, or fields of different lengths "
        "per row); ask for application/json or text/csv"
    )


def _numbers(value: Any) -> Optional[List[Any]]:
    """A row's values flattened in order, or None when one is not a number."""
    if isinstance(value, (list, tuple)):
        out: List[Any] = []
        for item in value:
            inner = _numbers(item)
            if inner is None:
                return None
            out += inner
        return out
    return [value] if isinstance(value, (bool, int, float)) else None


def _text(body: bytes, params: Dict[str, str]) -> str:
    charset = params.get("charset", "utf-8")
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the body is not valid {charset} text: {exc}") from None


def _csv_rows(text: str, codec: Codec) -> List[Dict[str, Optional[str]]]:
    model = codec.instance_model
    names = field_names(model)
    optional = {n for n in names if accepts_missing(model, n)}
    required = [n for n in names if n not in optional and not is_text_field(model, n)]
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(names):
                raise BadRequest(
                    f"CSV line {number} has {len(row)} columns; expected {len(names)}: "
                    + ", ".join(names)
                )
            rows.append(_with_missing(model, dict(zip(names, row)), number, optional, required))
    except csv.Error as exc:  # e.g. a NUL byte
        raise BadRequest(f"the body is not valid CSV: {exc}") from None
    return rows


def _with_missing(
    model: Any, row: Dict[str, str], number: int, optional: Set[str], required: List[str]
) -> Dict[str, Optional[str]]:
    """An empty cell is a missing value: None where the model accepts one, else a clear 400."""
    empty = [n for n in required if not row[n].strip()]
    if empty:
        may = ", ".join(sorted(alias_of(model, n) for n in optional)) or "none"
        empty = [alias_of(model, n) for n in empty]
        raise BadRequest(
            f"CSV line {number} has no value for {', '.join(empty)}, and the model does not accept"
            f" a missing value there: send one (fields that may be missing: {may})."
        )
    return {n: None if n in optional and not v.strip() else v for n, v in row.items()}


def _json_lines(text: str) -> List[Any]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except ValueError as exc:
            raise MalformedJson(f"line {number}: {exc}") from None
    return items


def _npy_rows(body: bytes, codec: Codec) -> List[Any]:
    import numpy

    try:
        array = numpy.load(io.BytesIO(body), allow_pickle=False)
    except Exception as exc:
        raise BadRequest(f"the body is not a .npy array: {exc}") from None
    names = field_names(codec.instance_model)
    if array.dtype.names:  # a structured array: columns by name
        return [{n: row[n].item() for n in array.dtype.names} for row in array]
    if len(names) == 1 and is_list_field(codec.instance_model, names[0]) and array.ndim >= 2:
        # One tensor field (an image, a sequence): the first axis is the batch, each row fills it.
        return [{names[0]: row.tolist()} for row in array]
    if array.ndim == 1 and len(names) == 1:
        array = array.reshape(-1, 1)
    if array.ndim != 2 or array.shape[1] != len(names):
        raise BadRequest(
            f"expected an array of shape (n, {len(names)}) for fields {', '.join(names)}; "
            f"got shape {array.shape}"
        )
    return [dict(zip(names, row.tolist())) for row in array]


def _csv_cell(value: Optional[Any]) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return "" if value is None else value
