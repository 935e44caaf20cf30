"""The project's own model through the server, whatever it is: it loads (artifacts/ at
/opt/ml/model, as `make unit` mounts them), its Instance and Prediction are what /openapi.json
shows, and an empty batch answers an empty one. tests/test_predictor.py checks its answers."""

import json

from model.instance import Instance
from model.prediction import Prediction
from server.compat import field_names


def test_the_model_loads_and_pings(project) -> None:
    status, _, _ = project.request("GET", "/ping")
    assert status == 200, project.output()


def test_the_documented_fields_are_the_models(project) -> None:
    status, _, body = project.request("GET", "/openapi.json")
    assert status == 200
    schemas = json.loads(body)["components"]["schemas"]
    # Aliased fields are documented by the model's own names: the counts must match.
    assert len(schemas["Instance"]["properties"]) == len(field_names(Instance))
    assert len(schemas["Prediction"]["properties"]) == len(field_names(Prediction))


def test_an_empty_batch_answers_an_empty_one(project) -> None:
    status, _, body = project.invoke(b'{"instances": []}')
    assert (status, json.loads(body)) == (200, {"predictions": []})
