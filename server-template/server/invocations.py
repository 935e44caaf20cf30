"""The hot path, as bare ASGI: /ping and /invocations (and KServe's :predict) skip the framework's
request and response objects, which costs more than the rest of a small model's request."""

import asyncio
import json
import logging
import os
import uuid
from typing import Any, Dict, List, Optional, Sequence, Tuple

from server import codecs, media, timing
from server.compat import MalformedJson, ValidationError, error_list
from server.context import InvocationContext
from server.runtime import ModelRuntime, PredictionFailed
from server.settings import Settings

log = logging.getLogger("stagemaker.server")

# One id per start of the server (shared by its workers): the app tells a restarted server
# (SIGHUP, dev mode) from the old one by it.
SERVER_ID = os.environ.get("STAGEMAKER_SERVER_ID") or uuid.uuid4().hex[:12]
SERVER_ID_HEADER = (b"x-stagemaker-server-id", SERVER_ID.encode())
CUSTOM_ATTRIBUTES = b"x-amzn-sagemaker-custom-attributes"
JSON_TYPE = b"application/json"

Header = Tuple[bytes, bytes]


async def respond(
    send: Any, status: int, body: bytes, content_type: bytes, extra: Sequence[Header] = ()
) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    headers.extend(extra)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def respond_error(
    send: Any, status: int, code: str, message: str, headers: Sequence[Header] = (), **extra: Any
) -> None:
    error: Dict[str, Any] = {"code": code, "message": message}
    error.update(extra)
    await respond(send, status, json.dumps({"error": error}).encode(), JSON_TYPE, headers)


class PayloadTooLarge(Exception):
    pass


class Disconnected(Exception):
    pass


async def read_body(receive: Any, limit: int, length: Optional[bytes]) -> bytes:
    """The body, refused early (by Content-Length, or while streaming) once it passes `limit`."""
    if length is not None and length.isdigit() and int(length) > limit:
        raise PayloadTooLarge()
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Disconnected()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class HotPath:
    def __init__(self, settings: Settings, runtime: ModelRuntime) -> None:
        self.settings = settings
        self.runtime = runtime

    async def ping(self, send: Any) -> None:
        if self.runtime.ready:
            await respond(send, 200, b"", b"text/plain", [SERVER_ID_HEADER])
            return
        # `state` lets a client tell "still loading" from "failed to load" without reading words.
        error = {"code": "not_ready", "message": self.runtime.reason, "state": self.runtime.state}
        body = json.dumps({"error": error})
        await respond(send, 503, body.encode(), JSON_TYPE, [SERVER_ID_HEADER])

    async def invocations(self, scope: Dict[str, Any], receive: Any, send: Any) -> None:
        try:
            await self._invocations(scope, receive, send)
        except Exception as exc:  # a bug here, or an unexpected shape from the predictor
            error_id = uuid.uuid4().hex[:16]
            log.exception("invocation failed, error id %s", error_id)
            message = f"{type(exc).__name__}: {exc}"
            try:
                await respond_error(send, 500, "server_error", message, error_id=error_id)
            except Exception:
                pass  # the response had already started; the log has the story

    async def request_body(
        self, receive: Any, send: Any, length: Optional[bytes], unit: str
    ) -> Optional[bytes]:
        """The request's body; None once answered: 413 past the limit (send fewer `unit`),
        nothing to a client that left."""
        limit = self.settings.max_payload_bytes
        try:
            return await read_body(receive, limit, length)
        except Disconnected:
            return None
        except PayloadTooLarge:
            await respond_error(
                send,
                413,
                "payload_too_large",
                f"the body is over {limit // (1024 * 1024)} MB (SAGEMAKER_MAX_PAYLOAD_IN_MB); "
                f"send fewer {unit} per request",
            )
            return None

    async def _invocations(self, scope: Dict[str, Any], receive: Any, send: Any) -> None:
        received = timing.now()
        runtime, settings = self.runtime, self.settings
        if not runtime.ready or runtime.codec is None:
            return await respond_error(send, 503, "not_ready", runtime.reason)
        headers: Dict[bytes, bytes] = dict(scope["headers"])
        raw_type = headers.get(b"content-type", JSON_TYPE).decode("latin-1")
        content_type = media.parse(raw_type)
        readable = codecs.readable()
        if content_type is None or content_type.essence not in readable:
            return await respond_error(
                send,
                415,
                "unsupported_media_type",
                f"cannot read Content-Type {raw_type!r}; send one of: {', '.join(readable)}",
            )
        raw_accept = headers.get(b"accept")
        accept_text = raw_accept.decode("latin-1") if raw_accept is not None else None
        writable = codecs.writable()
        accept = media.negotiate(accept_text, writable, settings.default_accept)
        if accept is None:
            return await respond_error(
                send,
                406,
                "not_acceptable",
                f"cannot answer in any type of Accept {accept_text!r}; "
                f"this server writes: {', '.join(writable)}",
            )
        body = await self.request_body(receive, send, headers.get(b"content-length"), "instances")
        if body is None:
            return
        try:
            instances = codecs.decode(
                content_type.essence, content_type.params, body, runtime.codec
            )
        except MalformedJson as exc:
            return await respond_error(
                send, 400, "malformed_json", f"the body is not valid JSON: {exc}"
            )
        except codecs.BadRequest as exc:
            return await respond_error(send, 400, "bad_request", str(exc))
        except ValidationError as exc:
            details = error_list(exc)
            where = ".".join(str(p) for p in details[0]["loc"]) if details else ""
            return await respond_error(
                send,
                422,
                "invalid_instances",
                f"the instances do not match the Instance schema (first problem at {where}: "
                f"{details[0]['msg'] if details else exc})",
                detail=details,
            )
        attributes = headers.get(CUSTOM_ATTRIBUTES)
        context = InvocationContext(
            custom_attributes=attributes.decode("latin-1") if attributes is not None else None,
            inference_id=_text(headers.get(b"x-amzn-sagemaker-inference-id")),
            target_model=_text(headers.get(b"x-amzn-sagemaker-target-model")),
            content_type=content_type.essence,
            accept=accept,
        )
        predictions: List[Any] = []
        timed = timing.begin(context, received)  # Server-Timing (server/timing.py)
        if instances:
            try:
                predictions = await runtime.predict(instances, context, settings.timeout_s)
            except PredictionFailed as exc:
                return await respond_error(
                    send, 500, "prediction_failed", exc.args[0], error_id=exc.error_id
                )
            except asyncio.TimeoutError:
                log.error(
                    "prediction took over %s s (SAGEMAKER_MODEL_SERVER_TIMEOUT)", settings.timeout_s
                )
                return await respond_error(
                    send,
                    504,
                    "prediction_timeout",
                    f"the prediction took over {settings.timeout_s:g} s "
                    "(SAGEMAKER_MODEL_SERVER_TIMEOUT)",
                )
        extra: List[Header] = []
        if context.response_custom_attributes is not None:
            extra.append((CUSTOM_ATTRIBUTES, context.response_custom_attributes.encode("latin-1")))
        try:
            encoded = codecs.encode(accept, predictions, runtime.codec)
        except codecs.Unencodable as exc:
            return await respond_error(send, 406, "not_acceptable", str(exc))
        if timed is not None:
            extra.append(timed.header())
        await respond(send, 200, encoded, accept.encode(), extra)


def _text(value: Optional[bytes]) -> Optional[str]:
    return value.decode("latin-1") if value is not None else None
