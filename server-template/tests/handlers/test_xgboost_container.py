"""Handler scripts answered as the SageMaker XGBoost container answers them in script mode: its
own CSV and LibSVM decoders into a DMatrix, Booster.predict, the sagemaker-containers encoders."""

import json

import pytest

from server.handlers.answer import FLASK_500
from tests.handlers.scripts import LOAD_TIMEOUT, ROWS, csv_rows, handler_env, np, write_script

xgb = pytest.importorskip("xgboost")

BOOSTER_MODEL_FN = """
import os
import xgboost as xgb

def model_fn(model_dir):
    booster = xgb.Booster()
    booster.load_model(os.path.join(model_dir, "xgboost-model.json"))
    return booster
"""


@pytest.fixture
def booster(start, tmp_path):
    model_dir = write_script(tmp_path, BOOSTER_MODEL_FN)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(120, 4)) + 5
    y = (x[:, 0] + x[:, 2] > 10).astype(int)
    model = xgb.train({"objective": "binary:logistic", "max_depth": 3}, xgb.DMatrix(x, label=y), 6)
    model.save_model(str(model_dir / "xgboost-model.json"))
    server = start(tmp_path, handler_env(tmp_path, "xgboost"))
    server.wait_for(200, LOAD_TIMEOUT)
    return server, model


def test_csv_in_json_out(booster) -> None:
    server, model = booster
    body = csv_rows().rstrip(b"\n")  # the container's CSV reader refuses a trailing newline
    status, headers, answer = server.invoke(body, "text/csv")
    assert status == 200
    want = model.predict(xgb.DMatrix(np.array(ROWS)), validate_features=False)
    assert answer == json.dumps(want.tolist()).encode()
    assert headers["content-type"] == "application/json"


def test_csv_with_a_trailing_newline_fails_as_in_the_container(booster) -> None:
    server, _ = booster
    status, _, answer = server.invoke(csv_rows(), "text/csv")
    assert status == 500 and answer == FLASK_500


def test_libsvm_in_csv_out(booster) -> None:
    server, model = booster
    body = "\n".join(" ".join(f"{i + 1}:{v}" for i, v in enumerate(row)) for row in ROWS)
    status, headers, answer = server.invoke(body.encode(), "text/libsvm", Accept="text/csv")
    assert status == 200
    want = model.predict(xgb.DMatrix(np.array(ROWS)), validate_features=False)
    # csv.writer of a 1-D float32 array: one value per line, written with str().
    assert answer == "".join(str(v) + "\n" for v in want).encode()
    assert headers["content-type"] == "text/csv; charset=utf-8"


def test_json_is_not_read_by_default(booster) -> None:
    server, _ = booster
    status, headers, answer = server.invoke(json.dumps(ROWS).encode(), "application/json")
    assert status == 500 and answer == FLASK_500
    assert "application/json is not supported" in headers["x-stagemaker-error"]
