"""The SageMaker contract of /invocations and friends, against a live `serve` of the example."""

import importlib.util
import io
import json

from tests.conftest import TOY

EXAMPLE = b'{"instances":[{"field1":"asdf","field2":1.2}]}'


def test_ping_is_empty_200_with_server_id(example) -> None:
    status, headers, body = example.request("GET", "/ping")
    assert (status, body) == (200, b"")
    assert len(headers["x-stagemaker-server-id"]) >= 8


def test_example_json(example) -> None:
    status, headers, body = example.invoke(EXAMPLE)
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert json.loads(body) == {"predictions": [{"output_field": "asdf:2.4"}]}


def test_content_type_parameters_are_understood(example) -> None:
    status, _, body = example.invoke(EXAMPLE, "application/json; charset=utf-8")
    assert status == 200, body


def test_missing_content_type_means_json(example) -> None:
    status, _, body = example.request("POST", "/invocations", EXAMPLE, {})
    assert status == 200, body


def test_csv_in_csv_out_in_field_order(example) -> None:
    status, headers, body = example.invoke(b"a,1\n\nb,2.5\n", "text/csv", Accept="text/csv")
    assert status == 200, body
    assert headers["content-type"].startswith("text/csv")
    assert body == b"a:2.0\nb:5.0\n"


def test_jsonlines_in_and_out(example) -> None:
    lines = b'{"field1":"a","field2":1}\n{"field1":"b","field2":2}\n'
    status, _, body = example.invoke(lines, "application/jsonlines", Accept="application/jsonlines")
    assert status == 200, body
    assert [json.loads(x) for x in body.splitlines()] == [
        {"output_field": "a:2.0"},
        {"output_field": "b:4.0"},
    ]


def test_accept_q_values_pick_the_response_type(example) -> None:
    accept = "application/json;q=0.2, text/csv;q=0.8"
    status, headers, body = example.invoke(EXAMPLE, Accept=accept)
    assert status == 200
    assert headers["content-type"].startswith("text/csv")
    assert body == b"asdf:2.4\n"


def test_empty_instances(example) -> None:
    status, _, body = example.invoke(b'{"instances": []}')
    assert (status, json.loads(body)) == (200, {"predictions": []})


def test_npy_when_numpy_is_in_the_image(example) -> None:
    if importlib.util.find_spec("numpy") is None:
        # Without numpy the type is refused, and said so.
        status, _, body = example.invoke(b"\x93NUMPY", "application/x-npy")
        assert status == 415 and b"application/json" in body
        return
    import numpy

    buf = io.BytesIO()
    numpy.save(buf, numpy.array([["asdf", "1.2"], ["b", "3"]]))
    status, headers, body = example.invoke(
        buf.getvalue(), "application/x-npy", Accept="application/x-npy"
    )
    assert status == 200, body
    assert headers["content-type"] == "application/x-npy"
    out = numpy.load(io.BytesIO(body), allow_pickle=False)
    assert out.tolist() == [["asdf:2.4"], ["b:6.0"]]


def test_kserve_v1_paths(example) -> None:
    status, _, body = example.request("GET", "/v1/models/example")
    assert (status, json.loads(body)) == (200, {"name": "example", "ready": True})
    status, _, body = example.request(
        "POST", "/v1/models/example:predict", EXAMPLE, {"Content-Type": "application/json"}
    )
    assert (status, json.loads(body)) == (200, {"predictions": [{"output_field": "asdf:2.4"}]})


def test_docs_show_instance_and_prediction(example) -> None:
    status, _, body = example.request("GET", "/openapi.json")
    assert status == 200
    schema = json.loads(body)
    components = schema["components"]["schemas"]
    assert set(components["Instance"]["properties"]) == {"field1", "field2"}
    assert set(components["Prediction"]["properties"]) == {"output_field"}
    assert "/invocations" in schema["paths"]
    for page in ("/docs", "/redoc"):
        status, headers, _ = example.request("GET", page)
        assert status == 200 and headers["content-type"].startswith("text/html")


def test_execution_parameters_defaults(example) -> None:
    status, _, body = example.request("GET", "/execution-parameters")
    assert status == 200
    assert json.loads(body) == {
        "MaxConcurrentTransforms": 1,
        "BatchStrategy": "MULTI_RECORD",
        "MaxPayloadInMB": 6,
    }


def test_execution_parameters_honour_batch_variables(start) -> None:
    env = {
        "SAGEMAKER_BATCH": "true",
        "SAGEMAKER_MAX_PAYLOAD_IN_MB": "20",
        "SAGEMAKER_BATCH_STRATEGY": "SingleRecord",
        "SAGEMAKER_MAX_CONCURRENT_TRANSFORMS": "8",
    }
    server = start(env=env)
    server.wait_for(200)
    status, _, body = server.request("GET", "/execution-parameters")
    # 8 x 20 MB would pass SageMaker's limit of 100: concurrency comes down to 5.
    assert json.loads(body) == {
        "MaxConcurrentTransforms": 5,
        "BatchStrategy": "SINGLE_RECORD",
        "MaxPayloadInMB": 20,
    }


def test_default_accept_comes_from_the_environment(start) -> None:
    server = start(TOY, {"SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT": "text/csv"})
    server.wait_for(200)
    for accept in (None, "*/*"):
        headers = {"Content-Type": "application/json"}
        if accept:
            headers["Accept"] = accept
        status, response_headers, body = server.request("POST", "/invocations", EXAMPLE, headers)
        assert status == 200
        assert response_headers["content-type"].startswith("text/csv")
        assert body == b"asdf:2.4\n"
