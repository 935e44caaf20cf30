"""The HTTP face of the model. /ping, /invocations and KServe's :predict go straight to the bare
ASGI hot path (server/invocations.py); the rest (/execution-parameters, KServe readiness, /docs,
/redoc, /openapi.json) is a small Starlette app. FastAPI contributes the documentation pages,
imported on the first visit so start-up stays short, fed by a schema built from your models
(server/openapi.py)."""

import re
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from server.docs_pages import ASSETS_PATH, asset, redoc_html, swagger_html
from server.handlers import hot_path_for
from server.invocations import respond_error
from server.openapi import openapi_schema
from server.runtime import ModelRuntime
from server.settings import Settings

KSERVE_PREDICT = re.compile(r"^/v1/models/[^/]+:predict$")


async def not_allowed(send: Any, method: str, allow: str) -> None:
    message = f"{method} is not served here; use {allow}"
    await respond_error(send, 405, "method_not_allowed", message, [(b"allow", allow.encode())])


def create_app(settings: Settings, runtime: ModelRuntime, version: str = "0") -> Any:
    title = "Model server"
    hot = hot_path_for(settings, runtime)

    async def execution_parameters(request: Request) -> Response:
        return JSONResponse(settings.execution_parameters())

    async def kserve_ready(request: Request) -> Response:
        name = request.path_params["name"]
        status = 200 if runtime.ready else 503
        return JSONResponse({"name": name, "ready": runtime.ready}, status_code=status)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_schema(title, version, runtime))

    async def docs(request: Request) -> Response:
        return HTMLResponse(swagger_html(f"{title} - Swagger UI", "/openapi.json"))

    async def redoc(request: Request) -> Response:
        return HTMLResponse(redoc_html(f"{title} - ReDoc", "/openapi.json"))

    async def docs_asset(request: Request) -> Response:
        found = asset(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404)
        body, media = found
        return Response(body, media_type=media, headers={"Cache-Control": "max-age=86400"})

    async def home(request: Request) -> Response:
        return HTMLResponse(
            f"<!doctype html><title>{title}</title><p>{title} {version}: "
            '<a href="/docs">/docs</a>, <a href="/redoc">/redoc</a>, '
            '<a href="/openapi.json">/openapi.json</a></p>'
        )

    routes = [
        Route("/execution-parameters", execution_parameters, methods=["GET"]),
        Route("/v1/models/{name}", kserve_ready, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/redoc", redoc, methods=["GET"]),
        Route(ASSETS_PATH + "{name}", docs_asset, methods=["GET"]),
        Route("/", home, methods=["GET"]),
    ]
    rest = Starlette(routes=routes)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path, method = scope["path"], scope["method"]
            if path == "/invocations" or KSERVE_PREDICT.match(path):
                if method == "POST":
                    return await hot.invocations(scope, receive, send)
                return await not_allowed(send, method, "POST")
            if path == "/ping":
                if method in ("GET", "HEAD"):
                    return await hot.ping(send)
                return await not_allowed(send, method, "GET, HEAD")
        await rest(scope, receive, send)  # Starlette answers 405 with Allow for its own routes

    return app
