"""The user's model inside one server process: loaded once in the background (so /ping can say
503 "loading" meanwhile), then asked for predictions on one dedicated thread (so /ping keeps
answering while a long prediction runs, and predictors need not be thread-safe). Concurrent
requests share predict_batch calls (server/batching.py); each request's own hooks, checks and
errors stay its own."""

import importlib
import inspect
import logging
import threading
import time
import traceback
import uuid
from typing import Any, Callable, List, Optional, Sequence

from server.batching import Batcher, Job
from server.compat import Codec
from server.context import InvocationContext
from server.loading import Loading
from server.settings import Settings
from server.timing import timed

log = logging.getLogger("stagemaker.model")


class PredictionFailed(Exception):
    def __init__(self, error_id: str, message: str) -> None:
        super().__init__(message)
        self.error_id = error_id


class ModelRuntime(Loading):
    def __init__(self, package: str = "model", settings: Optional[Settings] = None) -> None:
        self.package = package
        self.settings = settings or Settings.from_env({})
        self.state = "loading"
        self.reason = "the predictor is loading"
        self.codec: Optional[Codec] = None
        self.predictor: Any = None
        self.max_batch_size = self.settings.max_batch_size
        self._preprocess: Optional[Callable[..., Any]] = None
        self._postprocess: Optional[Callable[..., Any]] = None
        # How predict_batch hears about requests: not at all, one context per instance
        # (`contexts`), or one context per call (`context`).
        self._context_style = ""
        self._batcher: Optional[Batcher] = None

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
            # A PredictorConfig that declares max_batch_size decides (it reads MAX_BATCH_SIZE
            # too); otherwise the server's setting does.
            declared = getattr(config, "max_batch_size", None)
            self.max_batch_size = max(1, int(declared or self.settings.max_batch_size))
            self._preprocess = getattr(predictor, "preprocess", None)
            self._postprocess = getattr(predictor, "postprocess", None)
            params = inspect.signature(predictor.predict_batch).parameters
            self._context_style = next((p for p in ("contexts", "context") if p in params), "")
            self.predictor = predictor
        except BaseException as exc:  # a broken model must not look healthy, nor kill the server
            self.failed(log, "the predictor", exc)
            return
        self.loaded()
        log.info(
            "predictor loaded in %.2f s; batches of up to %d instances, %s",
            time.monotonic() - started,
            self.max_batch_size,
            self.batching_mode(),
        )

    def batching_mode(self) -> str:
        if not self.settings.batching:
            return "one request per call (STAGEMAKER_BATCHING=off)"
        if self._context_style == "context":
            # One context per call: the predictor could not tell whose instance is whose.
            return "requests share a call only when their contexts are equal"
        return "requests share calls"

    async def predict(
        self, instances: List[Any], context: InvocationContext, timeout_s: float
    ) -> List[Any]:
        """This request's predictions (PredictionFailed; asyncio.TimeoutError after timeout_s)."""
        if self._batcher is None:
            self._batcher = Batcher(
                timed(self._run_jobs),  # notes each request's queue wait and model time
                self.max_batch_size,
                self.settings.max_batch_wait_ms / 1000,
                self.settings.batching,
                _same_context if self._context_style == "context" else None,
            )
        return await self._batcher.submit(instances, context, timeout_s)

    def _run_jobs(self, jobs: Sequence[Job]) -> List[Any]:
        """On the predict thread: one list of predictions or one PredictionFailed per job."""
        results: List[Any] = [None] * len(jobs)
        inputs: List[List[Any]] = []
        for n, job in enumerate(jobs):
            try:
                instances = job.instances
                if self._preprocess is not None:
                    instances = list(self._preprocess(instances, job.context))
                inputs.append(instances)
            except Exception as exc:
                results[n] = _failure(exc)
                inputs.append([])
        live = [n for n in range(len(jobs)) if results[n] is None]
        try:
            predicted = self._predict_batches([jobs[n] for n in live], [inputs[n] for n in live])
        except Exception as exc:  # every request of the batch gets the same error id
            failure = _failure(exc)
            for n in live:
                results[n] = failure
            return results
        start = 0
        for n in live:
            job, own = jobs[n], predicted[start : start + len(inputs[n])]
            start += len(inputs[n])
            try:
                if self._postprocess is not None:
                    own = list(self._postprocess(own, job.context))
                    if len(own) != job.size:
                        raise ValueError(
                            f"postprocess returned {len(own)} predictions for {job.size} instances"
                        )
                assert self.codec is not None
                results[n] = [self.codec.check_prediction(p) for p in own]
            except Exception as exc:
                results[n] = _failure(exc)
        return results

    def _predict_batches(self, jobs: Sequence[Job], inputs: Sequence[List[Any]]) -> List[Any]:
        """predict_batch over the jobs' instances in order, at most max_batch_size per call (a
        request is split only when it alone is larger)."""
        instances = [i for own in inputs for i in own]
        contexts = [job.context for job, own in zip(jobs, inputs) for _ in own]
        out: List[Any] = []
        size = self.max_batch_size
        for start in range(0, len(instances), size):
            batch = instances[start : start + size]
            if self._context_style == "contexts":
                predicted = self.predictor.predict_batch(
                    batch, contexts=contexts[start : start + size]
                )
            elif self._context_style == "context":
                predicted = self.predictor.predict_batch(batch, context=jobs[0].context)
            else:
                predicted = self.predictor.predict_batch(batch)
            predicted = list(predicted)
            if len(predicted) != len(batch):
                raise ValueError(
                    f"predict_batch returned {len(predicted)} predictions "
                    f"for {len(batch)} instances"
                )
            out.extend(predicted)
        if self._context_style == "context":  # equal contexts: each request gets the answer
            for job in jobs[1:]:
                job.context.response_custom_attributes = jobs[0].context.response_custom_attributes
        return out


def _failure(exc: Exception) -> PredictionFailed:
    error_id = uuid.uuid4().hex[:16]
    message = f"{type(exc).__name__}: {exc}"
    log.error("prediction failed, error id %s: %s\n%s", error_id, message, traceback.format_exc())
    return PredictionFailed(error_id, message)


def _same_context(first: Job, other: Job) -> bool:
    """Requests whose contexts are equal in all the predictor reads (it sees only one)."""
    a, b = first.context, other.context
    return (
        a.custom_attributes == b.custom_attributes
        and a.inference_id == b.inference_id
        and a.target_model == b.target_model
        and a.content_type == b.content_type
        and a.accept == b.accept
    )
