"""Where a request's time goes, measured by the server itself and sent back in the standard
`Server-Timing` response header (not part of SageMaker's contract; clients ignore it):

    Server-Timing: queue;dur=0.041, model;dur=1.203, server;dur=1.514, batch;desc=16

- queue: milliseconds the request waited for the predict thread (dynamic batching's queue);
- model: milliseconds of the predict call its instances were part of (preprocess, predict_batch,
  postprocess and the Prediction checks, for the whole shared batch);
- server: milliseconds from the request's first byte being handed to the server to its answer
  being encoded (so server - queue - model is decoding, encoding and the thread hop);
- batch: instances in that predict call (this request's and its batch mates'); for a handler
  project (a SageMaker script, which answers one whole request per call) it is 1, and model is
  the script's own time.

A load test reads them to split latency into network/HTTP, server overhead, queue and model.
Cheap enough to stay on (a few clock reads and one short string per request; measured by
bench/load in the Stagemaker repo); STAGEMAKER_SERVER_TIMING=off leaves the header out.
"""

import os
from time import perf_counter
from typing import Any, Callable, List, Optional, Sequence, Tuple

_ATTRIBUTE = "_stagemaker_timing"  # on the request's InvocationContext, which the batch carries
HEADER = b"server-timing"
# One bytes %-format for the whole value: half the CPU of an f-string of three floats then .encode()
# (timeit in the image, 0.6 against 1.3 us), and the header is written once per answer.
_VALUE = b"queue;dur=%.3f, model;dur=%.3f, server;dur=%.3f, batch;desc=%d"


def enabled(env: Any = os.environ) -> bool:
    value = (env.get("STAGEMAKER_SERVER_TIMING") or "").strip().lower()
    if value in ("", "1", "true", "on", "yes"):
        return True
    if value in ("0", "false", "off", "no"):
        return False
    raise SystemExit(f"STAGEMAKER_SERVER_TIMING={value!r} is neither on nor off; fix or unset it")


ENABLED = enabled()
now = perf_counter  # the request's first clock read, taken whether timing is on or not


class RequestTiming:
    __slots__ = ("received", "submitted", "started", "model_ms", "batch")

    def __init__(self, received: float) -> None:
        self.received = received
        self.submitted = self.started = perf_counter()
        self.model_ms = 0.0
        self.batch = 0

    def header(self) -> Tuple[bytes, bytes]:
        queue_ms = (self.started - self.submitted) * 1000
        server_ms = (perf_counter() - self.received) * 1000
        return HEADER, _VALUE % (
            queue_ms if queue_ms > 0 else 0.0,
            self.model_ms,
            server_ms,
            self.batch,
        )


def begin(context: Any, received: float) -> Optional[RequestTiming]:
    """Called just before the request's instances are queued; None when timing is off."""
    if not ENABLED:
        return None
    timing = RequestTiming(received)
    setattr(context, _ATTRIBUTE, timing)
    return timing


def timed(run: Callable[[Sequence[Any]], List[Any]]) -> Callable[[Sequence[Any]], List[Any]]:
    """Wraps the batcher's run(jobs) (on the predict thread) to note each job's share of it."""
    if not ENABLED:
        return run

    def run_timed(jobs: Sequence[Any]) -> List[Any]:
        started = perf_counter()
        try:
            return run(jobs)
        finally:
            took_ms = (perf_counter() - started) * 1000
            size = 0
            for job in jobs:
                size += job.size
            for job in jobs:
                timing = getattr(job.context, _ATTRIBUTE, None)
                if timing is not None:
                    timing.started, timing.model_ms, timing.batch = started, took_ms, size

    return run_timed


def handler_call(call: Callable[[Any], Any], timed: RequestTiming) -> Callable[[Any], Any]:
    """A handler script's call on the predict thread, timed into `timed`: a handler answers one
    whole request per call, so its batch is that one request."""

    def run(request: Any) -> Any:
        started = perf_counter()
        try:
            return call(request)
        finally:
            timed.started, timed.model_ms = started, (perf_counter() - started) * 1000
            timed.batch = 1

    return run
