"""`make load`'s script (tests/integration/load.py) reads the server's Server-Timing while the load
runs, keeps only what was sent inside autocannon's step, and shows "-" when the server sends none
(STAGEMAKER_SERVER_TIMING=off)."""

import subprocess
import sys
import time
from datetime import datetime, timezone

from tests.integration import load
from tests.test_batching import body


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat().replace("+00:00", "Z")


def sample(server) -> list:
    server.wait_for(200)
    # Any process stands for autocannon here: the samples are taken while it runs.
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.5)"], text=True)
    try:
        return load.timing_samples(
            f"http://127.0.0.1:{server.port}",
            body([{"value": 1}]),
            "application/json",
            running,
            1.0,
        )
    finally:
        running.wait()


def test_the_samples_carry_the_servers_timing_and_only_the_steps_count(start) -> None:
    samples = sample(start(env={"LAB_PREDICT_STYLE": "plain"}))
    assert len(samples) >= 5
    assert all(set(values) == {"queue", "model", "server", "batch"} for _, values in samples)
    first, last = samples[0][0], samples[-1][0]
    whole = load.during(samples, {"start": iso(first - 1), "finish": iso(last + 1)})
    assert whole["batch"] == 1 and whole["server"] >= whole["model"]
    # A step that ran before any sample was sent: none of them is its.
    assert load.during(samples, {"start": iso(first - 60), "finish": iso(first - 10)}) == {}


def test_timing_off_shows_dashes_not_zeros(start) -> None:
    off = start(env={"LAB_PREDICT_STYLE": "plain", "STAGEMAKER_SERVER_TIMING": "off"})
    assert sample(off) == []
    now = time.time()
    timing = load.during([], {"start": iso(now - 5), "finish": iso(now)})
    assert load.column(timing, "queue", 8, 3) == "       -"
    assert load.column({"queue": 1.5}, "queue", 8, 3) == "   1.500"
