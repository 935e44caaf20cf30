"""Handler scripts answered as the SageMaker Inference Toolkit answers them (Multi Model Server:
PyTorch, Hugging Face, MXNet containers): its decoder and encoder, the context argument, errors
with their own status and message; plus what the server keeps: /ping truth, 413, 504, reload."""

import json
import signal
import time

import pytest

from tests.handlers.scripts import (
    LOAD_TIMEOUT,
    ROWS,
    csv_rows,
    handler_env,
    json_rows,
    np,
    npy,
    wait_for_text,
    write_script,
)

# A model whose answers the test can compute: the row sums, times a weight from the model data.
WEIGHTED = """
import os
import numpy as np

def model_fn(model_dir):
    with open(os.path.join(model_dir, "weight.txt")) as f:
        return float(f.read())

def predict_fn(data, model):
    return np.asarray(data, dtype="float64").sum(axis=1) * model
"""

# The toolkit's own error class, as user scripts import it (sagemaker_inference.errors).
TOOLKIT_ERROR = """
class GenericInferenceToolkitError(Exception):
    def __init__(self, status_code, message=None, phrase=None):
        self.status_code = status_code
        self.message = message or "Invalid Request"
        self.phrase = phrase or self.message
        super().__init__(status_code, self.message, self.phrase)
"""


@pytest.fixture
def weighted(start, tmp_path):
    model_dir = write_script(tmp_path, WEIGHTED)
    (model_dir / "weight.txt").write_text("2.5")
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    server.wait_for(200, LOAD_TIMEOUT)
    return server


def sums() -> "np.ndarray":
    return np.array(ROWS).sum(axis=1) * 2.5


def test_json_in_json_out(weighted) -> None:
    status, headers, body = weighted.invoke(json_rows(), "application/json")
    assert status == 200
    assert body == json.dumps(sums().tolist()).encode()
    assert headers["content-type"] == "application/json"


def test_csv_in_csv_out_with_savetxt(weighted) -> None:
    status, headers, body = weighted.invoke(csv_rows(), "text/csv", Accept="text/csv")
    assert status == 200
    # np.genfromtxt in, np.savetxt(fmt="%s") out: one value per line; no charset added.
    assert body == "".join(f"{v}\n" for v in sums()).encode()
    assert headers["content-type"] == "text/csv"


def test_npy_in_npy_out(weighted) -> None:
    status, headers, body = weighted.invoke(
        npy(np.array(ROWS)), "application/x-npy", Accept="application/x-npy"
    )
    assert status == 200 and body == npy(sums())
    assert headers["content-type"] == "application/x-npy"


def test_accept_list_answers_in_its_first_writable_type(weighted) -> None:
    status, headers, body = weighted.invoke(
        json_rows(), "application/json", Accept="image/png, text/csv"
    )
    assert status == 200 and headers["content-type"] == "text/csv"


def test_unwritable_accept_is_a_500_with_the_toolkits_message(weighted) -> None:
    status, headers, body = weighted.invoke(json_rows(), "application/json", Accept="image/png")
    assert status == 500
    assert body.startswith(b"Content type image/png is not supported by this framework.")
    assert b"Traceback" in body
    assert "content-type" not in headers  # Multi Model Server sets none on an error


def test_input_fn_raising_for_an_unsupported_type(start, tmp_path) -> None:
    write_script(
        tmp_path,
        WEIGHTED + TOOLKIT_ERROR + """
def input_fn(body, content_type):
    if content_type != "application/json":
        raise GenericInferenceToolkitError(415, "send application/json, not %s" % content_type)
    return json.loads(body)

import json
""",
    )
    (tmp_path / "model" / "weight.txt").write_text("1")
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    server.wait_for(200, LOAD_TIMEOUT)
    status, headers, body = server.invoke(b"a,b", "text/csv")
    assert status == 415
    assert body.startswith(b"send application/json, not text/csv\nTraceback")
    assert (
        server.invoke(json_rows(), "application/json")[2]
        == json.dumps(np.array(ROWS).sum(axis=1).tolist()).encode()
    )


def test_context_argument_and_response_headers(start, tmp_path) -> None:
    write_script(
        tmp_path,
        """
def model_fn(model_dir, context):
    return context.system_properties["model_dir"]

def transform_fn(model, body, content_type, accept, context):
    attributes = context.request_processor[0].get_request_properties().get(
        "x-amzn-sagemaker-custom-attributes"
    )
    context.set_response_header(0, "X-Amzn-SageMaker-Custom-Attributes", "seen=" + attributes)
    return {"model_dir": model, "body": body}
""",
    )
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    server.wait_for(200, LOAD_TIMEOUT)
    headers = {"X-Amzn-SageMaker-Custom-Attributes": "trace=1"}
    status, got, body = server.request(
        "POST", "/invocations", b'{"a": 1}', {**headers, "Content-Type": "application/json"}
    )
    assert status == 200
    # A dict answer: Multi Model Server sends it as indented JSON, the content type is Accept's.
    assert (
        body
        == json.dumps({"model_dir": str(tmp_path / "model"), "body": '{"a": 1}'}, indent=2).encode()
    )
    assert got["content-type"] == "application/json"
    assert got["x-amzn-sagemaker-custom-attributes"] == "seen=trace=1"


def test_only_model_fn_has_no_default_predict_fn(start, tmp_path) -> None:
    write_script(tmp_path, "def model_fn(model_dir):\n    return 1\n")
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    server.wait_for(200, LOAD_TIMEOUT)
    status, _, body = server.invoke(json_rows(), "application/json")
    assert status == 500
    assert body.startswith(
        b"\nPlease provide a predict_fn implementation.\n"
        b"See documentation for predict_fn at https://sagemaker.readthedocs.io/en/stable/\n\nTraceback"
    )


def test_model_fn_failure_is_a_failed_run_state(start, tmp_path) -> None:
    write_script(
        tmp_path, "def model_fn(model_dir):\n    raise OSError('no weights in ' + model_dir)\n"
    )
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    wait_for_text(server, "failed to load")
    status, _, data = server.request("GET", "/ping")
    error = json.loads(data)["error"]
    assert status == 503 and error["state"] == "failed"
    assert "OSError: no weights in " in error["message"]
    assert "raise OSError" in server.output()  # the traceback, in the log


def test_body_over_the_limit_and_a_slow_handler(start, tmp_path) -> None:
    write_script(
        tmp_path,
        """
import time

def model_fn(model_dir):
    return None

def transform_fn(model, body, content_type, accept):
    time.sleep(float(body))
    return "late"
""",
    )
    env = handler_env(
        tmp_path, "toolkit", SAGEMAKER_MODEL_SERVER_TIMEOUT="1", SAGEMAKER_MAX_PAYLOAD_IN_MB="1"
    )
    server = start(tmp_path, env)
    server.wait_for(200, LOAD_TIMEOUT)
    assert server.invoke(b"1" * (1024 * 1024 + 1), "text/plain")[0] == 413
    status, _, body = server.invoke(b"3", "text/plain")
    assert status == 504 and json.loads(body)["error"]["code"] == "prediction_timeout"


def test_sighup_serves_the_edited_script(start, tmp_path) -> None:
    model_dir = write_script(
        tmp_path,
        "def model_fn(d):\n    return 1\n\ndef transform_fn(m, b, c, a):\n    return 'one'\n",
    )
    server = start(tmp_path, handler_env(tmp_path, "toolkit"))
    first = server.wait_for(200, LOAD_TIMEOUT)["x-stagemaker-server-id"]
    assert server.invoke(b"", "text/plain")[2] == b"one"
    (model_dir / "code" / "inference.py").write_text(
        "def model_fn(d):\n    return 2\n\ndef transform_fn(m, b, c, a):\n    return 'two'\n"
    )
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 20
    while server.wait_for(200, LOAD_TIMEOUT)["x-stagemaker-server-id"] == first:
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.05)
    assert server.invoke(b"", "text/plain")[2] == b"two"


def test_npy_holding_python_objects_is_refused(weighted) -> None:
    # Both stacks load .npy with allow_pickle=True (a request could run code); this server does not.
    status, _, body = weighted.invoke(npy(np.array([{"a": 1}], dtype=object)), "application/x-npy")
    assert status == 500
    assert body.startswith(b"Object arrays cannot be loaded when allow_pickle=False")


SLEEPER = """
import time

def model_fn(model_dir):
    return None

def transform_fn(model, body, content_type, accept):
    time.sleep(float(body))
    return "done"
"""


@pytest.mark.parametrize("switch", ["on", "off"])
def test_a_handler_answer_carries_server_timing_unless_off(start, tmp_path, switch) -> None:
    """The Load tab splits a handler project's latency too: the script's own time is model time,
    one request per call; STAGEMAKER_SERVER_TIMING=off leaves the header out."""
    write_script(tmp_path, SLEEPER)
    env = handler_env(tmp_path, "toolkit", STAGEMAKER_SERVER_TIMING=switch)
    server = start(tmp_path, env)
    server.wait_for(200, LOAD_TIMEOUT)
    status, headers, body = server.invoke(b"0.2", "text/plain")
    assert status == 200 and body == b"done"
    if switch == "off":
        assert "server-timing" not in headers
        return
    metrics = {}
    for metric in headers["server-timing"].split(","):
        name, _, value = metric.strip().partition(";")
        metrics[name] = float(value.partition("=")[2])
    assert set(metrics) == {"queue", "model", "server", "batch"}
    assert metrics["model"] >= 200 and metrics["batch"] == 1
    assert metrics["server"] >= metrics["model"] + metrics["queue"]
