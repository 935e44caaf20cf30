"""One request through the handler functions, answered as the chosen stack answers it: its
headers read the same way, the same body and Content-Type on success, the same status on
failure. Runs on the predict thread; returns an Answer (never raises)."""

import json
import logging
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from server.handlers.context import HandlerContext
from server.handlers.defaults import Reply
from server.handlers.encoding import JSON, TEXT_TYPES
from server.handlers.script import Handlers, call_toolkit_style

log = logging.getLogger("stagemaker.handler")

Header = Tuple[bytes, bytes]

# werkzeug adds a charset to these (get_content_type), so the scikit-learn and XGBoost containers
# answer text/csv as "text/csv; charset=utf-8".
_CHARSET_TYPES = {
    "application/ecmascript",
    "application/javascript",
    "application/sql",
    "application/xml",
    "application/xml-dtd",
    "application/xml-external-parsed-entity",
}
# Flask's answer to a view that raised (werkzeug 3.1's InternalServerError page), byte for byte.
FLASK_500 = (
    b"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    b"<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable "
    b"to complete your request. Either the server is overloaded or there is an error in the "
    b"application.</p>\n"
)


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: Optional[str]
    headers: List[Header] = field(default_factory=list)


@dataclass
class Request:
    body: bytes
    headers: Dict[str, str]  # lower-case names, as received
    default_accept: str


def _failure(exc: BaseException) -> Tuple[str, List[Header]]:
    """Logs the traceback once under an error id; the id and message go back as headers, which
    SageMaker drops, so the body stays what the container would send."""
    error_id = uuid.uuid4().hex[:16]
    message = f"{type(exc).__name__}: {exc}"
    log.error("handler failed, error id %s: %s\n%s", error_id, message, traceback.format_exc())
    safe = message.replace("\r", " ").replace("\n", " ")[:512].encode("latin-1", "replace")
    return error_id, [(b"x-stagemaker-error-id", error_id.encode()), (b"x-stagemaker-error", safe)]


def _werkzeug_type(mimetype: str) -> str:
    if mimetype.startswith("text/") or mimetype in _CHARSET_TYPES or mimetype.endswith("+xml"):
        return mimetype + "; charset=utf-8"
    return mimetype


def _as_bytes(body: Any) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    raise TypeError(
        f"the answer body is a {type(body).__name__}; return str or bytes (serialise it in "
        "output_fn, or return (body, content_type))"
    )


def containers_answer(handlers: Handlers, model: Any, request: Request) -> Answer:
    """sagemaker-containers under Flask: headers as Flask reads them, each function called with
    exactly its arguments, any exception a 500 with Flask's page."""
    headers = request.headers
    content_type = headers.get("contenttype") or headers.get("content-type") or JSON
    accept = headers.get("accept")
    if not accept or accept == "*/*":
        accept = request.default_accept
    body: Any = request.body
    if content_type in TEXT_TYPES:
        body = request.body.decode("utf-8", "replace")  # Flask's get_data(as_text=True)
    try:
        if handlers.transform_fn is not None:
            result = handlers.transform_fn(model, body, content_type, accept)
        else:
            data = handlers.input_fn(body, content_type)
            prediction = handlers.predict_fn(data, model)
            result = handlers.output_fn(prediction, accept)
        if isinstance(result, tuple):
            result = Reply(result[0], result[1])
        if isinstance(result, Reply):
            return Answer(200, _as_bytes(result.body), _werkzeug_type(result.mimetype))
        if isinstance(result, (str, bytes, bytearray)):  # Flask's default mimetype
            return Answer(200, _as_bytes(result), "text/html; charset=utf-8")
        if isinstance(result, (dict, list)):  # Flask's jsonify
            text = json.dumps(result, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
            return Answer(200, (text + "\n").encode("utf-8"), JSON)
        raise TypeError(
            f"the handler returned a {type(result).__name__}, which Flask cannot send; return "
            "str, bytes, dict, list or (body, content_type)"
        )
    except Exception as exc:
        _, extra = _failure(exc)
        return Answer(500, FLASK_500, "text/html; charset=utf-8", extra)


def _status_of(exc: BaseException) -> Optional[int]:
    """The toolkit's BaseInferenceToolkitError (or any exception shaped like it)."""
    code = getattr(exc, "status_code", None)
    return code if isinstance(code, int) and 400 <= code <= 599 else None


def _toolkit_body(value: Any) -> bytes:
    # Multi Model Server: bytes as they are, str in UTF-8, anything else as indented JSON.
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value, indent=2).encode("utf-8")


def toolkit_answer(handlers: Handlers, model: Any, request: Request, model_dir: str) -> Answer:
    """sagemaker-inference-toolkit under Multi Model Server: errors carry their own status."""
    headers = request.headers
    context = HandlerContext(model_dir, dict(headers))
    content_type = next(
        (v for k, v in headers.items() if k in ("content-type", "contenttype")), None
    )
    accept = headers.get("accept")
    if not accept or accept == "*/*":
        accept = request.default_accept
    try:
        body: Any = request.body
        if content_type in TEXT_TYPES:
            body = request.body.decode("utf-8")
        if handlers.transform_fn is not None:
            result = call_toolkit_style(
                handlers.transform_fn, context, model, body, content_type, accept
            )
        else:
            data = call_toolkit_style(handlers.input_fn, context, body, content_type)
            prediction = call_toolkit_style(handlers.predict_fn, context, data, model)
            result = call_toolkit_style(handlers.output_fn, context, prediction, accept)
        answer_type = accept
        if isinstance(result, tuple):
            result, answer_type = result[0], result[1]
        extra = [
            (k.lower().encode(), v.encode("latin-1")) for k, v in context.response_headers.items()
        ]
        return Answer(200, _toolkit_body(result), answer_type, extra)
    except Exception as exc:
        _, extra = _failure(exc)
        status = _status_of(exc)
        if status is not None:
            message = str(getattr(exc, "message", exc))
        else:
            status, message = 500, str(exc)
        # The toolkit's error body: the message, a newline, the traceback; no Content-Type.
        return Answer(status, f"{message}\n{traceback.format_exc()}".encode("utf-8"), None, extra)
