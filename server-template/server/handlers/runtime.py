"""A handler project inside one server process: the script imported and model_fn called once, in
the background (so /ping says 503 "loading", then 200, or 503 "failed" with the reason and the
traceback in the log), then one request at a time on one predict thread.

No dynamic batching here: handler functions take a whole request body and answer a whole body, so
there is nothing the server could safely merge; requests queue for the predict thread instead
(as Multi Model Server does with one worker per model)."""

import asyncio
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Mapping, Optional

from server import timing
from server.handlers.answer import Answer, Request, containers_answer, toolkit_answer
from server.handlers.context import HandlerContext
from server.handlers.script import (
    Handlers,
    ScriptProblem,
    ScriptSettings,
    call_toolkit_style,
    handlers_of,
    import_script,
)
from server.loading import Loading
from server.settings import Settings
from server.timing import RequestTiming

log = logging.getLogger("stagemaker.handler")


class HandlerRuntime(Loading):
    codec = None  # no Instance/Prediction schema: /openapi.json describes raw bodies

    def __init__(self, settings: Settings, env: Mapping[str, str] = os.environ) -> None:
        self.settings = settings
        self.env = env
        self.state = "loading"
        self.reason = "the handler script's model_fn is loading the model"
        self.script: Optional[ScriptSettings] = None
        self.handlers: Optional[Handlers] = None
        self.model: Any = None
        self._predict = ThreadPoolExecutor(max_workers=1, thread_name_prefix="predict")

    def start(self) -> None:
        # model_fn runs on the predict thread too: one thread sees the model, as in the
        # framework containers' workers.
        self._predict.submit(self.load)

    def load(self) -> None:
        started = time.monotonic()
        try:
            script = ScriptSettings.from_env(self.env)
            handlers = handlers_of(import_script(script), script.defaults)
            if "model_fn" not in handlers.own:
                raise ScriptProblem(
                    f"{script.program} has no model_fn(model_dir), and SageMaker's "
                    f"{script.defaults.name} container has no default one: add a model_fn that "
                    "loads your model from model_dir (/opt/ml/model) and returns it"
                )
            if script.defaults.stack == "toolkit":
                context = HandlerContext(script.model_dir)
                model = call_toolkit_style(handlers.model_fn, context, script.model_dir)
            else:
                model = handlers.model_fn(script.model_dir)
        except BaseException as exc:  # a broken script must not look healthy, nor kill the server
            self.failed(log, "the handler script", exc)
            return
        self.script, self.handlers, self.model = script, handlers, model
        self.loaded()
        own = ", ".join(handlers.own) or "none"
        log.info(
            "handler %s loaded in %.2f s (its functions: %s; the rest from the %s container's "
            "defaults); one request at a time, no dynamic batching",
            script.program,
            time.monotonic() - started,
            own,
            script.defaults.name,
        )

    def batching_mode(self) -> str:
        return "no dynamic batching (handler scripts answer whole request bodies)"

    def _answer(self, request: Request) -> Answer:
        assert self.script is not None and self.handlers is not None
        if self.script.defaults.stack == "toolkit":
            return toolkit_answer(self.handlers, self.model, request, self.script.model_dir)
        return containers_answer(self.handlers, self.model, request)

    async def answer(
        self, request: Request, timeout_s: float, timed: Optional[RequestTiming] = None
    ) -> Answer:
        """The answer; asyncio.TimeoutError after timeout_s (from now, queueing included).
        With `timed`, the handler call's start and duration are written into it (Server-Timing:
        queue wait for the predict thread, then the script's own time; one request per call)."""
        loop = asyncio.get_running_loop()
        call = self._answer if timed is None else timing.handler_call(self._answer, timed)
        future = loop.run_in_executor(self._predict, call, request)
        return await asyncio.wait_for(future, timeout_s)
