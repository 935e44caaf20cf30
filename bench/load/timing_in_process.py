"""Where the Server-Timing's cost goes, by function: run inside a project's image
(`docker exec -i CONTAINER python -c "$(cat this file)" < BODY`), it loads the model as the server
does, drives the server's ASGI app (no HTTP) with N concurrent callers, switches the timing on and
off between blocks, and prints cProfile's functions whose own time differs most between on and off
(cProfile slows everything and sees only the event loop's thread: read it as where, not how much).
How much is bench/load/timing_over_http.py's question (the figure the bench reports).
"""

import asyncio
import cProfile
import os
import pstats
import sys
import time

from server import timing
from server.app import create_app
from server.handlers import serving_runtime
from server.settings import Settings

CONCURRENCY = int(os.environ.get("CONCURRENCY", "16"))
# Short blocks, many of them: an "on" block and the "off" one next to it meet the same machine.
BLOCK_CPU_S = float(os.environ.get("BLOCK_CPU_S", "0.1"))  # CPU time a block aims at


def build(body: bytes):
    settings = Settings.from_env()
    runtime = serving_runtime(settings)
    runtime.load()
    if not runtime.ready:
        sys.exit(f"the model did not load: {runtime.reason}")
    app = create_app(settings, runtime)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/invocations",
        "headers": headers,
    }
    message = {"type": "http.request", "body": body, "more_body": False}

    async def receive():
        return message

    async def one() -> int:
        status = 0

        async def send(event):
            nonlocal status
            if event["type"] == "http.response.start":
                status = event["status"]

        await app(dict(scope), receive, send)
        return status

    async def block(n: int) -> None:
        async def caller(k: int) -> None:
            for _ in range(k):
                status = await one()
                if status != 200:
                    sys.exit(f"/invocations answered {status}")

        per = n // CONCURRENCY
        await asyncio.gather(*(caller(per) for _ in range(CONCURRENCY)))

    return runtime, block


def switch(runtime, on: bool) -> None:
    timing.ENABLED = on
    runtime._batcher = (
        None  # the next request makes a batcher with (or without) timed(run)
    )


async def main() -> None:
    body = sys.stdin.buffer.read()
    runtime, block = build(body)
    n = CONCURRENCY * 10
    for on in (True, False):  # warm-up, and the size of a block from it
        switch(runtime, on)
        t0 = time.process_time()
        await block(n)
    per_request = (time.process_time() - t0) / n
    n = max(1, round(BLOCK_CPU_S / per_request / CONCURRENCY)) * CONCURRENCY
    await profile(runtime, block, n)


async def profile(runtime, block, n: int) -> None:
    """Own time per function and request (event loop thread only), on minus off, largest first."""
    profilers = {True: cProfile.Profile(), False: cProfile.Profile()}
    for i in range(10):  # in turns, each profiler gathering over its side's blocks
        for on in (True, False) if i % 2 == 0 else (False, True):
            switch(runtime, on)
            profilers[on].enable()
            await block(n)
            profilers[on].disable()
    n *= 10
    own = {}
    for on, profiler in profilers.items():
        table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        own[on] = {
            f"{func} ({os.path.basename(file)}:{line})": v[2]
            for (file, line, func), v in table.items()
        }
    names = set(own[True]) | set(own[False])
    rows = sorted(
        names, key=lambda k: own[True].get(k, 0) - own[False].get(k, 0), reverse=True
    )
    for name in rows[:15]:
        on_us, off_us = (own[s].get(name, 0) / n * 1e6 for s in (True, False))
        print(
            f"{on_us - off_us:+8.2f} us/req  on {on_us:8.2f}  off {off_us:8.2f}  {name}"
        )
    total = [sum(own[s].values()) / n * 1e6 for s in (True, False)]
    print(
        f"total own time on the event loop thread: on {total[0]:.1f} us/req, off {total[1]:.1f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
