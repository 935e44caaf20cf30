"""/invocations for a handler project, as bare ASGI like the model hot path: the body read with
the same 6 MB limit, handed to the script as the container would, its answer sent as it is.
Our own answers (JSON errors) only for what SageMaker's containers leave to the platform: not
loaded yet (503), body too large (413), took too long (504)."""

import asyncio
import logging
from typing import Any, Dict, List, cast

from server import timing
from server.handlers.answer import Request
from server.handlers.runtime import HandlerRuntime
from server.invocations import HotPath, respond_error
from server.settings import Settings

log = logging.getLogger("stagemaker.server")


class HandlerHotPath(HotPath):
    def __init__(self, settings: Settings, runtime: HandlerRuntime) -> None:
        # HotPath's ping reads only ready/state/reason, which a HandlerRuntime has too.
        super().__init__(settings, cast(Any, runtime))
        self.handler_runtime = runtime

    async def _invocations(self, scope: Dict[str, Any], receive: Any, send: Any) -> None:
        received = timing.now()
        runtime, settings = self.handler_runtime, self.settings
        if not runtime.ready:
            return await respond_error(send, 503, "not_ready", runtime.reason)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body = await self.request_body(receive, send, scope_length(scope), "records")
        if body is None:
            return
        request = Request(body, headers, settings.default_accept)
        timed = timing.RequestTiming(received) if timing.ENABLED else None
        try:
            answer = await runtime.answer(request, settings.timeout_s, timed)
        except asyncio.TimeoutError:
            log.error(
                "the handler took over %s s (SAGEMAKER_MODEL_SERVER_TIMEOUT)", settings.timeout_s
            )
            return await respond_error(
                send,
                504,
                "prediction_timeout",
                f"the handler took over {settings.timeout_s:g} s (SAGEMAKER_MODEL_SERVER_TIMEOUT)",
            )
        out: List[Any] = []
        if answer.content_type is not None:
            out.append((b"content-type", answer.content_type.encode("latin-1")))
        out.append((b"content-length", str(len(answer.body)).encode()))
        out.extend(answer.headers)
        if timed is not None and answer.status < 400:  # as the model path: errors carry no timing
            out.append(timed.header())
        await send({"type": "http.response.start", "status": answer.status, "headers": out})
        await send({"type": "http.response.body", "body": answer.body})


def scope_length(scope: Dict[str, Any]) -> Any:
    return dict(scope["headers"]).get(b"content-length")
