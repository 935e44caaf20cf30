"""Dynamic batching: concurrent requests share predict_batch calls, each gets exactly its own
answers, and errors stay with the request that caused them (or the batch, when predict_batch
raises). A "gate" instance holds the predict thread until the test has queued what it wants."""

import http.client
import json
import tempfile
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from server.runtime import ModelRuntime
from server.settings import DEFAULT_MAX_BATCH_SIZE, Settings

Answer = Tuple[int, Dict[str, str], bytes]


def body(instances: List[Dict[str, Any]]) -> bytes:
    return json.dumps({"instances": instances}).encode()


class Gate:
    """Holds the predict thread on one request while others queue behind it."""

    def __init__(self, start, env: Optional[Dict[str, str]] = None) -> None:
        self.file = Path(tempfile.mkdtemp(prefix="gate-")) / "open"
        self.server = start(env={"LAB_GATE": str(self.file), **(env or {})})
        self.server.wait_for(200)
        self.threads: List[threading.Thread] = []
        self.answers: List[Optional[Answer]] = []
        self.holder = self.send(body([{"action": "gate"}]))
        self.settle()

    def send(self, data: bytes, **headers: str) -> int:
        """Starts one request on its own connection; returns its index in answers."""
        index = len(self.answers)
        self.answers.append(None)

        sent = threading.Event()
        all_headers = {"Content-Type": "application/json"}
        all_headers.update({k.replace("_", "-"): v for k, v in headers.items()})

        def run() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
            try:
                conn.request("POST", "/invocations", body=data, headers=all_headers)
                sent.set()
                response = conn.getresponse()
                got = response.read()
                headers_ = {k.lower(): v for k, v in response.getheaders()}
                self.answers[index] = (response.status, headers_, got)
            finally:
                sent.set()
                conn.close()

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)
        # Back only once the request is on the wire, so settle() cannot pass before the
        # server could read it (a busy CPU may start the thread late).
        sent.wait(30)
        return index

    def settle(self) -> None:
        # Two round trips through the server's event loop: what was sent before is read and
        # queued by then (reading, decoding and queueing a request never waits on anything).
        for _ in range(2):
            assert self.server.request("GET", "/ping")[0] == 200

    def release(self) -> List[Answer]:
        self.settle()
        self.file.touch()
        for thread in self.threads:
            thread.join(30)
        assert all(a is not None for a in self.answers)
        return self.answers  # type: ignore[return-value]


def predictions(answer: Answer) -> List[Dict[str, Any]]:
    assert answer[0] == 200, answer
    return list(json.loads(answer[2])["predictions"])


def test_concurrent_requests_of_different_sizes_get_their_own_answers_in_order(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "MAX_BATCH_SIZE": "64"})
    sizes = [1, 2, 3, 4, 5, 1, 7]
    sent = {}
    for r, size in enumerate(sizes):
        values = [r * 100 + i for i in range(size)]
        sent[gate.send(body([{"value": v} for v in values]))] = values
    answers = gate.release()
    for index, values in sent.items():
        got = predictions(answers[index])
        assert [p["value"] for p in got] == values
        # All of them waited behind the gate, so they shared one call.
        assert {p["batch_size"] for p in got} == {sum(sizes)}


def test_a_request_is_split_only_when_it_alone_exceeds_the_batch_size(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "MAX_BATCH_SIZE": "8"})
    big = gate.send(body([{"value": v} for v in range(20)]))
    answers = gate.release()
    got = predictions(answers[big])
    assert [p["value"] for p in got] == list(range(20))
    assert [p["batch_size"] for p in got] == [8] * 16 + [4] * 4
    # A request that fits is never split.
    status, _, data = gate.server.invoke(body([{"value": v} for v in range(8)]))
    assert {p["batch_size"] for p in json.loads(data)["predictions"]} == {8}


def test_one_bad_request_fails_alone_and_its_batch_mates_succeed(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "MAX_BATCH_SIZE": "64"})
    good = [gate.send(body([{"value": v}, {"value": v + 0.5}])) for v in range(3)]
    short = gate.send(
        body([{"value": 7}, {"value": 8}]), X_Amzn_SageMaker_Custom_Attributes="short"
    )
    broken = gate.send(body([{"value": 9}]), X_Amzn_SageMaker_Custom_Attributes="preprocess-raises")
    invalid = gate.send(body([{"value": "not a number"}]))
    answers = gate.release()
    for n, index in enumerate(good):
        got = predictions(answers[index])
        assert [p["value"] for p in got] == [n, n + 0.5]
        assert got[0]["batch_size"] == 3 * 2 + 2  # shared with the short one's instances
    status, _, data = answers[short]
    assert status == 500
    assert (
        "postprocess returned 1 predictions for 2 instances" in json.loads(data)["error"]["message"]
    )
    status, _, data = answers[broken]
    assert status == 500 and "preprocess failed on purpose" in json.loads(data)["error"]["message"]
    assert answers[invalid][0] == 422


def test_a_raising_predict_batch_fails_every_request_of_its_batch_with_one_error_id(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "MAX_BATCH_SIZE": "64"})
    sent = [
        gate.send(body([{"value": 1}])),
        gate.send(body([{"action": "raise", "value": 5}])),
        gate.send(body([{"value": 2}, {"value": 3}])),
    ]
    answers = gate.release()
    errors = []
    for index in sent:
        status, _, data = answers[index]
        assert status == 500, data
        errors.append(json.loads(data)["error"])
    assert {e["code"] for e in errors} == {"prediction_failed"}
    assert len({e["error_id"] for e in errors}) == 1
    assert "asked to fail with 5.0" in errors[0]["message"]
    assert errors[0]["error_id"] in gate.server.output()
    assert predictions(gate.server.invoke(body([{"value": 4}])))[0]["value"] == 4


@pytest.mark.parametrize("style, shared", [("contexts", True), ("context", False)])
def test_custom_attributes_stay_per_request(start, style: str, shared: bool) -> None:
    # `contexts` (one per instance) lets the predictor tell requests apart, so they share a call;
    # with one `context` per call, only requests with equal contexts may share one.
    gate = Gate(start, {"LAB_PREDICT_STYLE": style, "MAX_BATCH_SIZE": "64"})
    sent = {
        gate.send(body([{"value": n}]), X_Amzn_SageMaker_Custom_Attributes=tag): tag
        for n, tag in enumerate(["a", "b", "c"])
    }
    answers = gate.release()
    for index, tag in sent.items():
        status, headers, data = answers[index]
        assert status == 200, data
        assert headers["x-amzn-sagemaker-custom-attributes"] == f"seen={tag}"
        assert json.loads(data)["predictions"][0]["batch_size"] == (3 if shared else 1)


def test_batching_off_calls_once_per_request(start) -> None:
    gate = Gate(start, {"LAB_PREDICT_STYLE": "plain", "STAGEMAKER_BATCHING": "off"})
    sent = [gate.send(body([{"value": v}, {"value": v}])) for v in range(3)]
    answers = gate.release()
    for index in sent:
        assert {p["batch_size"] for p in predictions(answers[index])} == {2}


def test_a_request_queued_past_its_deadline_is_504(start) -> None:
    gate = Gate(start, {"SAGEMAKER_MODEL_SERVER_TIMEOUT": "1"})
    queued = gate.send(body([{"value": 1}]))
    for thread in gate.threads:
        thread.join(10)  # both time out while the gate stays shut
    status, _, data = gate.answers[queued]  # type: ignore[misc]
    assert status == 504 and json.loads(data)["error"]["code"] == "prediction_timeout"
    gate.file.touch()
    assert predictions(gate.server.invoke(body([{"value": 2}])))[0]["value"] == 2


def test_settings_from_the_environment() -> None:
    default = Settings.from_env({})
    assert (default.batching, default.max_batch_size) == (True, DEFAULT_MAX_BATCH_SIZE)
    env = {"MAX_BATCH_SIZE": "7", "STAGEMAKER_BATCHING": "off", "STAGEMAKER_MAX_BATCH_WAIT_MS": "5"}
    settings = Settings.from_env(env)
    assert (settings.batching, settings.max_batch_size, settings.max_batch_wait_ms) == (
        False,
        7,
        5.0,
    )
    with pytest.raises(SystemExit, match="neither on nor off"):
        Settings.from_env({"STAGEMAKER_BATCHING": "maybe"})


def test_a_config_without_max_batch_size_gets_the_servers() -> None:
    # The example's PredictorConfig declares none: MAX_BATCH_SIZE, else the default, decides.
    for env, expected in (({}, DEFAULT_MAX_BATCH_SIZE), ({"MAX_BATCH_SIZE": "7"}, 7)):
        runtime = ModelRuntime("model", Settings.from_env(env))
        runtime.load()
        assert runtime.ready, runtime.reason
        assert runtime.max_batch_size == expected
