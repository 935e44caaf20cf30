"""Start, health, failure to load, dev-mode restart (SIGHUP) and shutdown (SIGTERM)."""

import json
import signal
import threading
import time

import pytest

from tests.conftest import FACTOR, TOY


def test_ping_is_503_while_loading_then_200(start) -> None:
    server = start(env={"LAB_LOAD_SECONDS": "1.5"})
    server.wait_for(503)
    status, _, data = server.request("GET", "/ping")
    assert status == 503
    assert "loading" in json.loads(data)["error"]["message"]
    assert json.loads(data)["error"]["state"] == "loading"
    assert server.invoke(b'{"instances": [{}]}')[0] == 503
    assert server.request("GET", "/v1/models/lab")[0] == 503
    server.wait_for(200)


@pytest.mark.parametrize(
    "env, reason",
    [
        ({"LAB_LOAD_ERROR": "weights missing"}, "RuntimeError: weights missing"),
        ({"LAB_IMPORT_ERROR": "1"}, "ImportError: lab model: import failed on purpose"),
    ],
)
def test_failed_load_is_503_with_reason_and_traceback_in_log(start, env, reason) -> None:
    server = start(env=env)
    server.wait_for(503)
    deadline = time.monotonic() + 10 * FACTOR
    while "failed to load" not in server.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    status, _, data = server.request("GET", "/ping")
    assert status == 503
    assert reason in json.loads(data)["error"]["message"]
    # Clients (Stagemaker's run states) tell a failed load from a slow one by this, not by words.
    assert json.loads(data)["error"]["state"] == "failed"
    assert "Traceback" in server.output()


def test_custom_port_from_sagemaker_bind_to_port(example) -> None:
    # The fixture always sets SAGEMAKER_BIND_TO_PORT to a free port; 8080 is only the default.
    assert example.port != 8080
    assert example.request("GET", "/ping")[0] == 200


def test_sighup_restarts_with_a_new_server_id(start) -> None:
    server = start(TOY)
    first = server.wait_for(200)["x-stagemaker-server-id"]
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 15 * FACTOR
    while time.monotonic() < deadline:
        try:
            status, headers, _ = server.request("GET", "/ping", timeout=2)
            if status == 200 and headers["x-stagemaker-server-id"] != first:
                break
        except OSError:
            pass
        time.sleep(0.05)
    else:
        raise AssertionError(f"no new server after SIGHUP:\n{server.output()}")
    assert server.invoke(b'{"instances":[{"field1":"a","field2":1}]}')[0] == 200


def test_sigterm_finishes_in_flight_requests_and_exits(start) -> None:
    server = start()
    server.wait_for(200)
    result = {}

    def invoke() -> None:
        result["status"], _, _ = server.invoke(b'{"instances":[{"action":"sleep","value":1.5}]}')

    thread = threading.Thread(target=invoke)
    thread.start()
    time.sleep(0.4)
    t0 = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(12) == 0
    thread.join()
    assert result["status"] == 200
    assert time.monotonic() - t0 < 10


def test_two_workers_share_the_port_and_server_id(start) -> None:
    server = start(TOY, {"SAGEMAKER_MODEL_SERVER_WORKERS": "2"})
    ids = {server.wait_for(200)["x-stagemaker-server-id"]}
    for _ in range(20):
        ids.add(server.request("GET", "/ping")[1]["x-stagemaker-server-id"])
    assert len(ids) == 1
    assert "2 worker(s)" in server.output()
