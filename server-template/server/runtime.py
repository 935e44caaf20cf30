"""The user's model inside one server process: loaded once in the background (so /ping can say
503 "loading" meanwhile), then asked for predictions on one dedicated thread (so /ping keeps
answering while a long prediction runs, and predictors need not be thread-safe)."""

import asyncio
import importlib
import inspect
import logging
import threading
import time
import traceback
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, List, Optional

from server.compat import Codec
from server.context import InvocationContext

log = logging.getLogger("stagemaker.model")


class PredictionFailed(Exception):
    def __init__(self, error_id: str, message: str) -> None:
        super().__init__(message)
        self.error_id = error_id


class ModelRuntime:
    def __init__(self, package: str = "model") -> None:
        self.package = package
        self.state = "loading"
        self.reason = "the predictor is loading"
        self.codec: Optional[Codec] = None
        self.predictor: Any = None
        self.max_batch_size = 1
        self._preprocess: Optional[Callable[..., Any]] = None
        self._postprocess: Optional[Callable[..., Any]] = None
        self._wants_context = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="predict")

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def start(self) -> None:
        threading.Thread(target=self.load, name="load-model", daemon=True).start()

    def load(self) -> None:
        started = time.monotonic()
        try:
            instance = importlib.import_module(f"{self.package}.instance").Instance
            prediction = importlib.import_module(f"{self.package}.prediction").Prediction
            mod = importlib.import_module(f"{self.package}.predictor")
            config = mod.PredictorConfig()
            predictor = mod.Predictor(config)
            self.codec = Codec(instance, prediction)
            self.max_batch_size = max(1, int(getattr(config, "max_batch_size", 1) or 1))
            self._preprocess = getattr(predictor, "preprocess", None)
            self._postprocess = getattr(predictor, "postprocess", None)
            params = inspect.signature(predictor.predict_batch).parameters
            self._wants_context = "context" in params
            self.predictor = predictor
        except BaseException as exc:  # a broken model must not look healthy, nor kill the server
            reason = f"the predictor failed to load: {type(exc).__name__}: {exc}"
            # The traceback is logged before /ping says "failed": whoever sees one finds the other.
            log.error("%s\n%s", reason, traceback.format_exc())
            self.reason = reason
            self.state = "failed"
            return
        self.state = "ready"
        self.reason = "ready"
        log.info("predictor loaded in %.2f s", time.monotonic() - started)

    async def predict(
        self, instances: List[Any], context: InvocationContext, timeout_s: float
    ) -> List[Any]:
        """Predictions from the predict thread; asyncio.TimeoutError after timeout_s.

        Hand-rolled (one future, one timer) rather than wait_for(wrap_future(...)): on a small
        model this hop is a measurable share of each request.
        """
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def finished(future: Future) -> None:  # on the predict thread
            loop.call_soon_threadsafe(_transfer, future, done)

        self._executor.submit(self._predict_all, instances, context).add_done_callback(finished)
        timer = loop.call_later(timeout_s, _expire, done)
        try:
            return await done  # type: ignore[no-any-return]
        finally:
            timer.cancel()

    def _predict_all(self, instances: List[Any], context: InvocationContext) -> List[Any]:
        try:
            return self._run(instances, context)
        except Exception as exc:
            error_id = uuid.uuid4().hex[:16]
            message = f"{type(exc).__name__}: {exc}"
            log.error(
                "prediction failed, error id %s: %s\n%s", error_id, message, traceback.format_exc()
            )
            raise PredictionFailed(error_id, message) from None

    def _run(self, instances: List[Any], context: InvocationContext) -> List[Any]:
        assert self.codec is not None
        if self._preprocess is not None:
            instances = list(self._preprocess(instances, context))
        out: List[Any] = []
        size = self.max_batch_size
        for start in range(0, len(instances), size):
            batch = instances[start : start + size]
            if self._wants_context:
                predicted = self.predictor.predict_batch(batch, context=context)
            else:
                predicted = self.predictor.predict_batch(batch)
            predicted = list(predicted)
            if len(predicted) != len(batch):
                raise ValueError(
                    f"predict_batch returned {len(predicted)} predictions "
                    f"for {len(batch)} instances"
                )
            out.extend(predicted)
        if self._postprocess is not None:
            out = list(self._postprocess(out, context))
            if len(out) != len(instances):
                raise ValueError(
                    f"postprocess returned {len(out)} predictions for {len(instances)} instances"
                )
        return [self.codec.check_prediction(p) for p in out]


def _transfer(source: Future, target: "asyncio.Future[Any]") -> None:
    if target.done():  # timed out, or the client went away
        return
    error = source.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(source.result())


def _expire(target: "asyncio.Future[Any]") -> None:
    if not target.done():
        target.set_exception(asyncio.TimeoutError())
