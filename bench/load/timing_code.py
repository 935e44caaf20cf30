"""CPU per request of the Server-Timing code alone (begin, the predict-thread wrapper with a batch
of 16 requests, the header), less the same path with no timing, for one or more versions of
server/timing.py given as files, timed in turns in one process (process time, best of many
repeats, so other work on the machine counts as little as it can). Run where `server` imports,
for example in the template's image:

    python timing_code.py OLD_timing.py NEW_timing.py

Prints one line per file: microseconds per request. Used to compare a change of timing.py with
the version before it.
"""

import importlib.util
import os
import sys
import time
import timeit

from server.context import InvocationContext

os.environ.pop("STAGEMAKER_SERVER_TIMING", None)  # on, whatever the container says
BATCH = 16  # requests sharing one predict call, as under wrk's 16 connections
NUMBER = 2000  # batches per timing
REPEATS = int(os.environ.get("REPEATS", "30"))


class Job:
    __slots__ = ("context", "size")

    def __init__(self, context: InvocationContext) -> None:
        self.context, self.size = context, 1


def bare(jobs):
    return [None] * len(jobs)


def load(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.ENABLED
    return module


def with_timing(module):
    run = module.timed(bare)

    def batch() -> None:
        contexts = [InvocationContext() for _ in range(BATCH)]
        timings = [module.begin(c, module.now()) for c in contexts]
        run([Job(c) for c in contexts])
        for t in timings:
            t.header()

    return batch


def without() -> None:
    contexts = [InvocationContext() for _ in range(BATCH)]
    bare([Job(c) for c in contexts])


def main() -> None:
    paths = sys.argv[1:]
    cases = [(p, with_timing(load(p, f"timing_{i}"))) for i, p in enumerate(paths)]
    cases.append(("no timing", without))
    best = {name: float("inf") for name, _ in cases}
    for _ in range(REPEATS):  # in turns, so a busy moment hits every case alike
        for name, batch in cases:
            took = timeit.timeit(batch, number=NUMBER, timer=time.process_time)
            best[name] = min(best[name], took / (NUMBER * BATCH))
    for name in paths:
        print(f"{(best[name] - best['no timing']) * 1e6:.3f} us per request: {name}")


if __name__ == "__main__":
    main()
