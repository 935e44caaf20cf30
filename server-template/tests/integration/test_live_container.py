"""`make test`'s live phase: the built image running as SageMaker runs it, checked over HTTP from
a second container (MODEL_URL). Skipped when MODEL_URL is not set (the in-image unit run)."""

import json
import os
import time

import pytest

# live.py (`make it`) sits beside this file, which pytest puts on sys.path.
from live import URL, call

pytestmark = pytest.mark.skipif(
    not os.environ.get("MODEL_URL"), reason="no live container (MODEL_URL unset)"
)
# A handler script (SAGEMAKER_PROGRAM, from deploy/model.env) reads raw bodies: no Instance schema,
# and a body its input_fn cannot read is the toolkit's 500, as in SageMaker's own containers.
serves_model = pytest.mark.skipif(
    bool(os.environ.get("SAGEMAKER_PROGRAM")), reason="the container serves a handler script"
)


@pytest.fixture(scope="module", autouse=True)
def healthy() -> None:
    deadline = time.monotonic() + float(os.environ.get("MODEL_WAIT_SECONDS", "240"))
    last = None
    while time.monotonic() < deadline:
        try:
            last = call("/ping")[0]
            if last == 200:
                return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    pytest.fail(f"{URL}/ping never answered 200 (last: {last})")


def test_ping() -> None:
    assert call("/ping")[0] == 200


@serves_model
def test_schema_is_served() -> None:
    status, _, body = call("/openapi.json")
    assert status == 200
    assert "Instance" in json.loads(body)["components"]["schemas"]


@serves_model
def test_malformed_body_is_400_and_the_server_keeps_serving() -> None:
    assert call("/invocations", b"{", Content_Type="application/json")[0] == 400
    assert call("/ping")[0] == 200


def test_execution_parameters_for_batch_transform() -> None:
    status, _, body = call("/execution-parameters")
    assert status == 200
    assert json.loads(body)["MaxPayloadInMB"] >= 1
