"""/openapi.json says what the server does: CSV and JSON Lines bodies with their columns, and
the methods each path serves (others get 405 with an Allow header that lists them)."""

import json
import re

import pytest


def test_csv_and_json_lines_bodies_name_their_columns_in_order(example) -> None:
    status, _, data = example.request("GET", "/openapi.json")
    assert status == 200
    content = json.loads(data)["paths"]["/invocations"]["post"]["requestBody"]["content"]
    csv = content["text/csv"]["schema"]
    assert "2 columns in this order: field1, field2" in csv["description"]
    assert re.match(csv["pattern"], "a,1\nb,2.5\n")
    assert not re.match(csv["pattern"], "a\n")  # one column: the server says 400
    assert not re.match(csv["pattern"], "1,a\n")  # field2 is a number
    lines = content["application/jsonlines"]["schema"]["pattern"]
    assert re.match(lines, '{"field1": "a", "field2": 1}\n')
    # What the document accepts, the server accepts.
    assert example.invoke(b"a,1\nb,2.5\n", "text/csv")[0] == 200
    assert example.invoke(b'{"field1": "a", "field2": 1}\n', "application/jsonlines")[0] == 200


@pytest.mark.parametrize(
    "method, path, allow",
    [
        ("TRACE", "/invocations", {"POST"}),
        ("GET", "/invocations", {"POST"}),
        ("PUT", "/v1/models/example:predict", {"POST"}),
        ("DELETE", "/ping", {"GET", "HEAD"}),
        ("POST", "/v1/models/example", {"GET", "HEAD"}),
        ("PATCH", "/execution-parameters", {"GET", "HEAD"}),
    ],
)
def test_undeclared_methods_are_405_with_the_allowed_ones(example, method, path, allow) -> None:
    status, headers, _ = example.request(method, path)
    assert status == 405
    assert {m.strip() for m in headers["allow"].split(",")} == allow
    declared = json.loads(example.request("GET", "/openapi.json")[2])["paths"][
        path.replace("example", "{name}")
    ]
    assert {m.upper() for m in declared} == allow


def test_json_bodies_are_validated_as_json_types(example) -> None:
    # The document says field2 is a number: true and "1.5" are refused (pydantic 2; 1.10 is lax).
    from server.compat import PYDANTIC_2

    status, _, _ = example.invoke(b'{"instances": [{"field1": "a", "field2": true}]}')
    assert status == (422 if PYDANTIC_2 else 200)
    assert example.invoke(b'{"instances": [{"field1": "a", "field2": 1}]}')[0] == 200
