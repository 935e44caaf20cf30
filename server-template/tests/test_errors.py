"""Bad input gets a clear answer, and the server keeps serving."""

import http.client
import json
import time

from tests.conftest import FACTOR


def body(instances) -> bytes:
    return json.dumps({"instances": instances}).encode()


def error_of(data: bytes) -> dict:
    return json.loads(data)["error"]


def test_malformed_json_is_400(lab) -> None:
    status, _, data = lab.invoke(b'{"instances": [')
    assert status == 400
    assert error_of(data)["code"] == "malformed_json"


def test_schema_violation_names_the_field_path(lab) -> None:
    status, _, data = lab.invoke(body([{"value": 1}, {"value": "not a number"}]))
    assert status == 422
    err = error_of(data)
    assert err["detail"][0]["loc"] == ["instances", 1, "value"]
    assert "instances.1.value" in err["message"]


def test_missing_instances_key_is_422(lab) -> None:
    status, _, data = lab.invoke(b'{"inputs": []}')
    assert status == 422
    assert error_of(data)["detail"][0]["loc"] == ["instances"]


def test_csv_with_wrong_column_count_is_400(lab) -> None:
    status, _, data = lab.invoke(b"echo,1\necho\n", "text/csv")
    assert status == 400
    assert "line 2" in error_of(data)["message"]


def test_unsupported_content_type_is_415(lab) -> None:
    status, _, data = lab.invoke(b"<xml/>", "application/xml")
    assert status == 415
    assert "text/csv" in error_of(data)["message"]


def test_unacceptable_accept_is_406(lab) -> None:
    status, _, data = lab.invoke(body([{}]), Accept="image/png")
    assert status == 406
    assert error_of(data)["code"] == "not_acceptable"


def test_oversized_body_is_413_before_it_is_all_sent(lab) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", lab.port, timeout=10)
    conn.putrequest("POST", "/invocations")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(7 * 1024 * 1024))
    conn.endheaders()
    conn.send(b'{"instances": [' + b" " * 65536)  # far less than announced
    response = conn.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"]["code"] == "payload_too_large"
    conn.close()
    assert lab.request("GET", "/ping")[0] == 200


def test_oversized_chunked_body_is_413(lab) -> None:
    def chunks():
        for _ in range(7):
            yield b" " * (1024 * 1024)

    conn = http.client.HTTPConnection("127.0.0.1", lab.port, timeout=10)
    try:
        conn.request(
            "POST",
            "/invocations",
            body=chunks(),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        response = conn.getresponse()
        assert response.status == 413
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may close before the client finishes sending; what follows is the point
    conn.close()
    assert lab.invoke(body([{"value": 1}]))[0] == 200


def test_predictor_exception_is_500_with_error_id_in_log(lab) -> None:
    status, _, data = lab.invoke(body([{"action": "raise", "value": 7}]))
    assert status == 500
    err = error_of(data)
    assert err["code"] == "prediction_failed"
    assert "asked to fail with 7.0" in err["message"]
    deadline = time.monotonic() + 5 * FACTOR
    while err["error_id"] not in lab.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    log = lab.output()
    line = next(x for x in log.splitlines() if err["error_id"] in x)
    assert "prediction failed" in line
    assert "Traceback" in log.split(err["error_id"], 1)[1]
    assert lab.invoke(body([{"value": 1}]))[0] == 200


def test_wrong_number_of_predictions_is_500(lab) -> None:
    status, _, data = lab.invoke(
        body([{"value": 1}, {"value": 2}]), X_Amzn_SageMaker_Custom_Attributes="short"
    )
    assert status == 500
    assert "1 predictions for 2 instances" in error_of(data)["message"]


def test_batches_never_exceed_max_batch_size(lab) -> None:
    status, _, data = lab.invoke(body([{"value": i} for i in range(7)]))
    assert status == 200
    predictions = json.loads(data)["predictions"]
    assert [p["value"] for p in predictions] == list(range(7))
    assert [p["batch_size"] for p in predictions] == [3, 3, 3, 3, 3, 3, 1]


def test_custom_attributes_reach_the_predictor_and_come_back(lab) -> None:
    status, headers, data = lab.invoke(
        body([{"value": 2}]), X_Amzn_SageMaker_Custom_Attributes="double"
    )
    assert status == 200
    assert json.loads(data)["predictions"][0]["value"] == 4.0  # preprocess saw the attributes
    assert headers["x-amzn-sagemaker-custom-attributes"] == "seen=double"
    status, headers, _ = lab.invoke(body([{"value": 2}]))
    assert "x-amzn-sagemaker-custom-attributes" not in headers


def test_slow_prediction_is_504_and_ping_stays_fast(start) -> None:
    server = start(env={"SAGEMAKER_MODEL_SERVER_TIMEOUT": "1.5"})
    server.wait_for(200)
    import threading

    result = {}

    def invoke() -> None:
        t0 = time.monotonic()
        result["status"], _, result["body"] = server.invoke(body([{"action": "sleep", "value": 4}]))
        result["seconds"] = time.monotonic() - t0

    thread = threading.Thread(target=invoke)
    thread.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    assert server.request("GET", "/ping", timeout=2)[0] == 200
    assert time.monotonic() - t0 < 0.5
    thread.join()
    assert result["status"] == 504
    assert error_of(result["body"])["code"] == "prediction_timeout"
    assert result["seconds"] < 3
