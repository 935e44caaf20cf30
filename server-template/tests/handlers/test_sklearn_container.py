"""Handler scripts answered as the SageMaker scikit-learn container answers them (its single-model
endpoint: sagemaker-containers under Flask), with a scikit-learn model trained by each test."""

import json

import pytest

from server.handlers.answer import FLASK_500
from tests.handlers.scripts import (
    LOAD_TIMEOUT,
    ROWS,
    SKLEARN_MODEL_FN,
    csv_rows,
    handler_env,
    json_rows,
    np,
    npy,
    trained_sklearn,
    wait_for_text,
    write_script,
)


@pytest.fixture
def only_model_fn(start, tmp_path):
    """A script with only model_fn: the container's defaults do the rest."""
    model_dir = write_script(tmp_path, SKLEARN_MODEL_FN)
    model = trained_sklearn(model_dir)
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    server.wait_for(200, LOAD_TIMEOUT)
    return server, model


def test_json_in_json_out_with_only_model_fn(only_model_fn) -> None:
    server, model = only_model_fn
    status, headers, body = server.invoke(json_rows(), "application/json")
    assert status == 200
    # default_input_fn: float32; default_predict_fn: predict; encoder: json.dumps(tolist()).
    want = json.dumps(model.predict(np.array(ROWS, dtype="float32")).tolist()).encode()
    assert body == want
    assert headers["content-type"] == "application/json"


def test_csv_in_csv_out(only_model_fn) -> None:
    server, model = only_model_fn
    status, headers, body = server.invoke(csv_rows(), "text/csv", Accept="text/csv")
    assert status == 200
    labels = model.predict(np.array(ROWS, dtype="float32"))
    assert body == "".join(f"{label}\n" for label in labels).encode()
    # Flask (werkzeug) adds the charset to text/* types.
    assert headers["content-type"] == "text/csv; charset=utf-8"


def test_npy_in_npy_out_keeps_the_dtype(only_model_fn) -> None:
    server, model = only_model_fn
    rows = np.array(ROWS)  # float64: npy input is not cast to float32
    status, headers, body = server.invoke(
        npy(rows), "application/x-npy", Accept="application/x-npy"
    )
    assert status == 200
    assert body == npy(model.predict(rows))
    assert headers["content-type"] == "application/x-npy"


def test_missing_or_any_accept_gets_the_default_accept(only_model_fn) -> None:
    server, model = only_model_fn
    want = json.dumps(model.predict(np.array(ROWS, dtype="float32")).tolist()).encode()
    assert server.invoke(json_rows(), "application/json", Accept="*/*")[2] == want


def test_unsupported_content_type_is_flasks_500_page(only_model_fn) -> None:
    server, _ = only_model_fn
    status, headers, body = server.invoke(b"x", "text/plain")
    assert status == 500
    assert body == FLASK_500
    assert headers["content-type"] == "text/html; charset=utf-8"
    # Ours, beside the container's body: where to look in the log.
    assert "UnsupportedFormatError" in headers["x-stagemaker-error"]
    assert headers["x-stagemaker-error-id"] in server.output()


def test_a_parameter_after_the_type_is_not_recognised(only_model_fn) -> None:
    # The container compares the header as a string, so this is unsupported there too.
    server, _ = only_model_fn
    assert server.invoke(json_rows(), "application/json; charset=utf-8")[0] == 500


def test_output_fn_returning_a_tuple_sets_the_content_type(start, tmp_path) -> None:
    model_dir = write_script(
        tmp_path,
        SKLEARN_MODEL_FN + """
import json

def predict_fn(data, model):
    return model.predict_proba(data)[:, 1]

def output_fn(prediction, accept):
    return json.dumps({"scores": prediction.tolist()}), "application/vnd.scores+json"
""",
    )
    model = trained_sklearn(model_dir)
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    server.wait_for(200, LOAD_TIMEOUT)
    status, headers, body = server.invoke(json_rows(), "application/json")
    assert status == 200
    scores = model.predict_proba(np.array(ROWS, dtype="float32"))[:, 1]
    assert body == json.dumps({"scores": scores.tolist()}).encode()
    assert headers["content-type"] == "application/vnd.scores+json"


def test_transform_fn_alone(start, tmp_path) -> None:
    model_dir = write_script(
        tmp_path,
        SKLEARN_MODEL_FN + """
import numpy as np

def transform_fn(model, body, content_type, accept):
    rows = np.array([[float(v) for v in line.split(",")] for line in body.splitlines()])
    labels = model.predict(rows)
    return "|".join(str(v) for v in labels), "text/plain"
""",
    )
    model = trained_sklearn(model_dir)
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    server.wait_for(200, LOAD_TIMEOUT)
    status, headers, body = server.invoke(csv_rows(), "text/csv")
    assert status == 200
    assert body == "|".join(str(v) for v in model.predict(np.array(ROWS))).encode()
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_a_bare_string_answer_is_html_and_a_dict_is_flasks_json(start, tmp_path) -> None:
    write_script(
        tmp_path,
        """
def model_fn(model_dir):
    return None

def predict_fn(data, model):
    return data.tolist()

def output_fn(prediction, accept):
    if accept == "text/csv":
        return "rows: %d" % len(prediction)
    return {"n": len(prediction), "first": prediction[0], "a": "\u00e9"}
""",
    )
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    server.wait_for(200, LOAD_TIMEOUT)
    status, headers, body = server.invoke(json_rows(), "application/json", Accept="text/csv")
    assert (status, body, headers["content-type"]) == (200, b"rows: 3", "text/html; charset=utf-8")
    status, headers, body = server.invoke(json_rows(), "application/json")
    first = json.dumps([float(np.float32(v)) for v in ROWS[0]], separators=(",", ":"))
    assert body == ('{"a":"\\u00e9","first":%s,"n":3}\n' % first).encode()
    assert headers["content-type"] == "application/json"


def test_transform_fn_with_input_fn_is_a_failed_load(start, tmp_path) -> None:
    write_script(
        tmp_path,
        """
def model_fn(model_dir):
    return 1

def input_fn(body, content_type):
    return body

def transform_fn(model, body, content_type, accept):
    return body
""",
    )
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    server.wait_for(503, LOAD_TIMEOUT)
    wait_for_text(server, "failed to load")
    status, _, data = server.request("GET", "/ping")
    error = json.loads(data)["error"]
    assert status == 503 and error["state"] == "failed"
    assert "transform_fn together with input_fn" in error["message"]


def test_no_model_fn_is_a_failed_load_that_says_so(start, tmp_path) -> None:
    write_script(tmp_path, "def predict_fn(data, model):\n    return data\n")
    server = start(tmp_path, handler_env(tmp_path, "sklearn"))
    wait_for_text(server, "failed to load")
    status, _, data = server.request("GET", "/ping")
    assert status == 503
    assert "has no model_fn(model_dir)" in json.loads(data)["error"]["message"]
    assert "Traceback" in server.output()
