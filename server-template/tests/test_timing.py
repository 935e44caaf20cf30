"""The server's own timing (server/timing.py): every 200 from /invocations carries a Server-Timing
header that splits the request into queue wait, model time and server time, with the batch size;
STAGEMAKER_SERVER_TIMING=off leaves it out."""

import json
import time
from typing import Dict

import pytest

from server import timing
from tests.test_batching import Gate, body


def parse(header: str) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for metric in header.split(","):
        name, _, params = metric.strip().partition(";")
        key, _, value = params.partition("=")
        out[name] = float(value)
        assert key in ("dur", "desc"), header
    return out


def test_a_slow_prediction_shows_as_model_time_inside_server_time(start) -> None:
    server = start(env={"LAB_PREDICT_STYLE": "plain"})
    server.wait_for(200)
    status, headers, data = server.invoke(body([{"action": "sleep", "value": 0.2}]))
    assert status == 200, data
    got = parse(headers["server-timing"])
    assert set(got) == {"queue", "model", "server", "batch"}
    assert got["model"] >= 200
    assert got["server"] >= got["model"] + got["queue"]
    assert got["batch"] == 1
    # A quick one right after: its model time is its own, not the slow one's.
    status, headers, _ = server.invoke(body([{"value": 1}, {"value": 2}]))
    quick = parse(headers["server-timing"])
    assert quick["model"] < 200 and quick["batch"] == 2


def test_requests_queued_behind_a_busy_model_show_their_wait_and_shared_batch(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "MAX_BATCH_SIZE": "64"})
    queued = [gate.send(body([{"value": v}] * (v + 1))) for v in range(3)]
    gate.settle()  # all three are queued behind the gate from here on
    queued_by = time.perf_counter()
    for _ in range(10):  # the gate stays shut a while longer
        assert gate.server.request("GET", "/ping")[0] == 200
    held_ms = (time.perf_counter() - queued_by) * 1000
    answers = gate.release()
    for index in queued:
        status, headers, data = answers[index]
        assert status == 200, data
        got = parse(headers["server-timing"])
        assert got["batch"] == 1 + 2 + 3  # they shared one call once the gate opened
        assert got["queue"] >= held_ms  # the wait is queue time, not model time
        assert got["model"] < got["queue"]
        assert got["server"] >= got["queue"] + got["model"]


def test_off_leaves_the_header_out_and_answers_stay_the_same(start) -> None:
    on = start(env={"LAB_PREDICT_STYLE": "plain"})
    off = start(env={"LAB_PREDICT_STYLE": "plain", "STAGEMAKER_SERVER_TIMING": "off"})
    on.wait_for(200)
    off.wait_for(200)
    request = body([{"value": 3}])
    s1, h1, d1 = on.invoke(request)
    s2, h2, d2 = off.invoke(request)
    assert (s1, s2) == (200, 200)
    assert "server-timing" in h1 and "server-timing" not in h2
    strip = [{k: v for k, v in p.items() if k != "worker"} for p in json.loads(d1)["predictions"]]
    assert strip == [
        {k: v for k, v in p.items() if k != "worker"} for p in json.loads(d2)["predictions"]
    ]


def test_errors_carry_no_timing(start) -> None:
    server = start(env={"LAB_PREDICT_STYLE": "plain"})
    server.wait_for(200)
    status, headers, _ = server.invoke(body([{"value": "not a number"}]))
    assert status == 422 and "server-timing" not in headers


def test_the_switch_reads_on_off_and_refuses_anything_else() -> None:
    assert timing.enabled({}) is True
    assert timing.enabled({"STAGEMAKER_SERVER_TIMING": "off"}) is False
    assert timing.enabled({"STAGEMAKER_SERVER_TIMING": "ON"}) is True
    with pytest.raises(SystemExit, match="neither on nor off"):
        timing.enabled({"STAGEMAKER_SERVER_TIMING": "sometimes"})
