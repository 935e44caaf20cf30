"""The HTTP face of the model: SageMaker's /ping, /invocations and /execution-parameters, KServe
v1 paths, and /docs. A plain Starlette app (fast, and the same on every FastAPI version); FastAPI
contributes the documentation pages, imported on the first visit so start-up stays short, fed by
a schema built from your models."""

import asyncio
import logging
import os
import uuid
from typing import Any, Dict, Optional

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from server import codecs, media
from server.compat import MalformedJson, ValidationError, error_list
from server.context import InvocationContext
from server.openapi import openapi_schema
from server.runtime import ModelRuntime, PredictionFailed
from server.settings import Settings

log = logging.getLogger("stagemaker.server")

# One id per start of the server process (shared by its workers): the app tells a restarted
# server (SIGHUP, dev mode) from the old one by it.
SERVER_ID = os.environ.get("STAGEMAKER_SERVER_ID") or uuid.uuid4().hex[:12]
SERVER_ID_HEADER = "X-Stagemaker-Server-Id"
CUSTOM_ATTRIBUTES = "x-amzn-sagemaker-custom-attributes"


class PayloadTooLarge(Exception):
    pass


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body: Dict[str, Any] = {"code": code, "message": message}
    body.update(extra)
    return JSONResponse({"error": body}, status_code=status)


def create_app(settings: Settings, runtime: ModelRuntime, version: str = "0") -> Starlette:
    title = "Model server"
    ping_headers = {SERVER_ID_HEADER: SERVER_ID}

    async def ping(request: Request) -> Response:
        if runtime.ready:
            return Response(b"", headers=ping_headers)
        response = error(503, "not_ready", runtime.reason)
        response.headers[SERVER_ID_HEADER] = SERVER_ID
        return response

    async def invocations(request: Request) -> Response:
        if not runtime.ready or runtime.codec is None:
            return error(503, "not_ready", runtime.reason)
        headers = request.headers
        content_type = media.parse(headers.get("content-type") or media.JSON)
        readable = codecs.readable()
        if content_type is None or content_type.essence not in readable:
            return error(
                415,
                "unsupported_media_type",
                f"cannot read Content-Type {headers.get('content-type')!r}; "
                f"send one of: {', '.join(readable)}",
            )
        writable = codecs.writable()
        accept = media.negotiate(headers.get("accept"), writable, settings.default_accept)
        if accept is None:
            return error(
                406,
                "not_acceptable",
                f"cannot answer in any type of Accept {headers.get('accept')!r}; "
                f"this server writes: {', '.join(writable)}",
            )
        try:
            body = await read_body(request, settings.max_payload_bytes)
        except PayloadTooLarge:
            limit_mb = settings.max_payload_bytes // (1024 * 1024)
            return error(
                413,
                "payload_too_large",
                f"the body is over {limit_mb} MB (SAGEMAKER_MAX_PAYLOAD_IN_MB); "
                "send fewer instances per request",
            )
        try:
            instances = codecs.decode(
                content_type.essence, content_type.params, body, runtime.codec
            )
        except MalformedJson as exc:
            return error(400, "malformed_json", f"the body is not valid JSON: {exc}")
        except codecs.BadRequest as exc:
            return error(400, "bad_request", str(exc))
        except ValidationError as exc:
            details = error_list(exc)
            where = ".".join(str(p) for p in details[0]["loc"]) if details else ""
            return error(
                422,
                "invalid_instances",
                f"the instances do not match the Instance schema (first problem at {where}: "
                f"{details[0]['msg'] if details else exc})",
                detail=details,
            )
        context = InvocationContext(
            custom_attributes=headers.get(CUSTOM_ATTRIBUTES),
            inference_id=headers.get("x-amzn-sagemaker-inference-id"),
            target_model=headers.get("x-amzn-sagemaker-target-model"),
            content_type=content_type.essence,
            accept=accept,
        )
        if instances:
            try:
                predictions = await runtime.predict(instances, context, settings.timeout_s)
            except PredictionFailed as exc:
                return error(500, "prediction_failed", exc.args[0], error_id=exc.error_id)
            except asyncio.TimeoutError:
                log.error(
                    "prediction took over %s s (SAGEMAKER_MODEL_SERVER_TIMEOUT)", settings.timeout_s
                )
                return error(
                    504,
                    "prediction_timeout",
                    f"the prediction took over {settings.timeout_s:g} s "
                    "(SAGEMAKER_MODEL_SERVER_TIMEOUT)",
                )
        else:
            predictions = []
        response = Response(codecs.encode(accept, predictions, runtime.codec), media_type=accept)
        if context.response_custom_attributes is not None:
            response.headers["X-Amzn-SageMaker-Custom-Attributes"] = (
                context.response_custom_attributes
            )
        return response

    async def execution_parameters(request: Request) -> Response:
        return JSONResponse(settings.execution_parameters())

    async def kserve_ready(request: Request) -> Response:
        name = request.path_params["name"]
        status = 200 if runtime.ready else 503
        return JSONResponse({"name": name, "ready": runtime.ready}, status_code=status)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_schema(title, version, runtime))

    async def docs(request: Request) -> Response:
        from fastapi.openapi.docs import get_swagger_ui_html

        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{title} - Swagger UI")

    async def redoc(request: Request) -> Response:
        from fastapi.openapi.docs import get_redoc_html

        return get_redoc_html(openapi_url="/openapi.json", title=f"{title} - ReDoc")

    async def home(request: Request) -> Response:
        return HTMLResponse(
            f"<!doctype html><title>{title}</title><p>{title} {version}: "
            '<a href="/docs">/docs</a>, <a href="/redoc">/redoc</a>, '
            '<a href="/openapi.json">/openapi.json</a></p>'
        )

    routes = [
        Route("/ping", ping, methods=["GET"]),
        Route("/invocations", invocations, methods=["POST"]),
        Route("/execution-parameters", execution_parameters, methods=["GET"]),
        Route("/v1/models/{name}:predict", invocations, methods=["POST"]),
        Route("/v1/models/{name}", kserve_ready, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/redoc", redoc, methods=["GET"]),
        Route("/", home, methods=["GET"]),
    ]
    return Starlette(routes=routes)


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing early (by Content-Length, or while streaming) once it passes `limit`."""
    length: Optional[str] = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise PayloadTooLarge()
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)
