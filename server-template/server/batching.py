"""Dynamic batching: instances of concurrent requests are queued and handed to the predict thread
together, up to max_batch_size, so a model pays its per-call cost once for many requests.

Runs on the event loop (one Batcher per server process). When the predict thread is free and the
queue was idle, a request goes at once (a lone request pays nothing). A short collection window
applies only right after a batch, while requests of the last wave are still coming back: it waits
until as many instances are queued as the last batch held, at most min(max wait, the last predict
call's duration), since waiting longer than a call costs more than making a second one.
Hand-written rather than borrowed: Triton's and BentoML's batchers come with their whole servers.
"""

import asyncio
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Deque, List, Optional, Sequence

from server.context import InvocationContext


class Job:
    """One request's share of a batch: its instances, its context and where its answer goes."""

    __slots__ = ("instances", "context", "future", "size")

    def __init__(self, instances: List[Any], context: InvocationContext, future: Any) -> None:
        self.instances = instances
        self.context = context
        self.future = future
        self.size = len(instances)


# run(jobs) on the predict thread -> one list of predictions or one exception per job, in order.
RunBatch = Callable[[Sequence[Job]], List[Any]]
# may_join(first, other): whether `other` may share a predict_batch call with `first`.
MayJoin = Callable[[Job, Job], bool]


class Batcher:
    def __init__(
        self,
        run: RunBatch,
        max_batch_size: int,
        max_wait_s: float,
        enabled: bool,
        may_join: Optional[MayJoin] = None,
    ) -> None:
        self._run = run
        self.max_batch_size = max(1, max_batch_size)
        self._max_wait_s = max(0.0, max_wait_s)
        self.enabled = enabled
        self._may_join = may_join
        # One thread: predictors need not be thread-safe, and /ping never waits for a prediction.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="predict")
        self._queue: Deque[Job] = deque()
        self._queued = 0  # instances in the queue
        self._busy = False
        self._timer: Optional[asyncio.TimerHandle] = None
        self._last_size = 1  # instances in the last batch
        self._last_done = 0.0  # loop time the last batch finished
        self._last_duration = 0.0  # seconds the last predict call took
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    async def submit(
        self, instances: List[Any], context: InvocationContext, timeout_s: float
    ) -> List[Any]:
        """This request's predictions, in order; its own exception; asyncio.TimeoutError."""
        loop = self._loop
        if loop is None:
            loop = self._loop = asyncio.get_running_loop()
        job = Job(instances, context, loop.create_future())
        self._queue.append(job)
        self._queued += job.size
        if self._timer is not None:
            if self._queued >= self._target():
                self._dispatch()
        elif not self._busy:
            self._next()
        timer = loop.call_later(timeout_s, _expire, job.future)
        try:
            return await job.future  # type: ignore[no-any-return]
        finally:
            timer.cancel()

    def _target(self) -> int:
        return min(self._last_size, self.max_batch_size)

    def _next(self) -> None:
        """Start a batch now, or open the collection window; only while the thread is free."""
        if not self._queue or self._timer is not None:
            return
        assert self._loop is not None
        if self.enabled and self._queued < self._target():
            since = self._loop.time() - self._last_done
            window = min(self._max_wait_s, self._last_duration)
            if since < window:  # the last wave is still coming back
                self._timer = self._loop.call_later(window - since, self._dispatch)
                return
        self._dispatch()

    def _take(self) -> List[Job]:
        jobs: List[Job] = []
        total = 0
        while self._queue:
            job = self._queue[0]
            if job.future.done():  # timed out while queued
                self._queue.popleft()
                self._queued -= job.size
                continue
            if jobs and (
                not self.enabled
                or total + job.size > self.max_batch_size
                or (self._may_join is not None and not self._may_join(jobs[0], job))
            ):
                break
            self._queue.popleft()
            self._queued -= job.size
            jobs.append(job)
            total += job.size
        return jobs

    def _dispatch(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._busy:
            return
        jobs = self._take()
        if not jobs:
            return
        self._busy = True
        loop = self._loop
        assert loop is not None
        started = time.monotonic()

        def finished(future: Future) -> None:  # on the predict thread
            duration = time.monotonic() - started
            loop.call_soon_threadsafe(self._finished, jobs, future, duration)

        self._executor.submit(self._run, jobs).add_done_callback(finished)

    def _finished(self, jobs: List[Job], outcome: Future, duration: float) -> None:
        assert self._loop is not None
        self._busy = False
        self._last_done = self._loop.time()
        self._last_duration = duration
        self._last_size = sum(job.size for job in jobs)
        error = outcome.exception()
        results = [error] * len(jobs) if error is not None else outcome.result()
        for job, result in zip(jobs, results):
            if job.future.done():  # timed out, or the client went away
                continue
            if isinstance(result, BaseException):
                job.future.set_exception(result)
            else:
                job.future.set_result(result)
        self._next()


def _expire(future: "asyncio.Future[Any]") -> None:
    if not future.done():
        future.set_exception(asyncio.TimeoutError())
