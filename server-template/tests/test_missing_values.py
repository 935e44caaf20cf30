"""Missing values, from the Instance Stagemaker renders to the request codecs: a field the model
accepts missing for is Optional (null in JSON, an empty CSV cell); a required one answers 400/422
naming the field. Runs on both flavours' pydantic."""

import types
from typing import Any, Dict, List

import pytest

from server import codecs, media
from server.compat import PYDANTIC_2, Codec, ValidationError, error_list, json_schema
from server.frameworks.missing import add_missing_row, mark_missing
from tools.render_models import MAY_BE_MISSING, instance_module

FEATURES = [
    {"name": "age", "dtype": "float", "missing": True},
    {"name": "colour", "dtype": "str", "categories": ["red", "blue"], "missing": True},
    {"name": "income ($)", "dtype": "float"},
    {"name": "review", "dtype": "str", "text": True},
]


@pytest.fixture(scope="module")
def codec() -> Codec:
    info = {"features": FEATURES, "namedFeatures": True}
    source, _ = instance_module(info, "m.joblib (scikit-learn 1.5.2)")
    module = types.ModuleType("rendered_instance")
    exec(compile(source, "instance.py", "exec"), module.__dict__)  # noqa: S102 - our own render
    answer = types.ModuleType("rendered_prediction")
    prediction = (
        "from pydantic import BaseModel\n\n\nclass Prediction(BaseModel):\n    label: str\n"
    )
    exec(prediction, answer.__dict__)  # noqa: S102
    return Codec(module.Instance, answer.Prediction)


def rows(codec: Codec, essence: str, body: bytes) -> list:
    decoded = codecs.decode(essence, {}, body, codec)
    return [m.model_dump(by_alias=True) if PYDANTIC_2 else m.dict(by_alias=True) for m in decoded]


def test_null_in_json_is_a_missing_value_where_the_model_accepts_one(codec: Codec) -> None:
    body = b'{"instances": [{"age": null, "colour": null, "income ($)": 1.5, "review": "ok"}]}'
    assert rows(codec, media.JSON, body) == [
        {"age": None, "colour": None, "income ($)": 1.5, "review": "ok"}
    ]


def test_an_empty_csv_cell_is_missing_but_an_empty_text_stays_text(codec: Codec) -> None:
    got = rows(codec, media.CSV, b",,2.5,\n40,red,3,fine\n")
    assert got[0] == {"age": None, "colour": None, "income ($)": 2.5, "review": ""}
    assert got[1] == {"age": 40.0, "colour": "red", "income ($)": 3.0, "review": "fine"}


def test_a_required_field_left_empty_says_which_and_what_may_be_missing(codec: Codec) -> None:
    with pytest.raises(codecs.BadRequest) as refused:
        codecs.decode(media.CSV, {}, b"40,red,,fine\n", codec)
    message = str(refused.value)
    assert "CSV line 1 has no value for income ($)" in message
    assert "may be missing: age, colour" in message


def test_null_for_a_required_field_is_refused_naming_the_field(codec: Codec) -> None:
    body = b'{"instances": [{"age": 1, "colour": "red", "income ($)": null, "review": "x"}]}'
    with pytest.raises(ValidationError) as refused:
        codecs.decode(media.JSON, {}, body, codec)
    first = error_list(refused.value)[0]
    assert first["loc"][-1] in ("income ($)", "income")
    if PYDANTIC_2:
        assert "missing value" in first["msg"]


def test_the_schema_shows_which_fields_may_be_missing(codec: Codec) -> None:
    schema = json_schema(codec.instance_model, "#/components/schemas/{model}")
    props = schema["properties"]
    assert props["age"]["description"] == MAY_BE_MISSING
    assert "description" not in props["income ($)"]
    assert set(schema["required"]) == {"income ($)", "review"}
    assert "accepts a missing age, colour" in (schema.get("description") or "")


def test_the_probe_marks_only_features_the_model_answers_for_when_missing() -> None:
    features: List[Dict[str, Any]] = [{"name": "a", "dtype": "float"}]
    features += [{"name": "b", "dtype": "float"}, {"name": "t", "dtype": "str", "text": True}]

    def predict(batch: list) -> list:  # imputes a, refuses b, answers NaN... never for t
        if any(r["b"] is None for r in batch):
            raise ValueError("Input contains NaN")
        return [float("nan") if r["t"] is None else (r["a"] or 0.0) + r["b"] for r in batch]

    sample = [{"a": 1.0, "b": 2.0, "t": "x"}, {"a": 0.5, "b": 1.0, "t": "y"}]
    mark_missing(features, sample, predict)
    assert [f.get("missing") for f in features] == [True, None, None]
    add_missing_row(features, sample, predict)
    assert sample[-1] == {"a": None, "b": 2.0, "t": "x"}
    # A model that takes each missing alone but not all at once: no missing row is added.
    features[1]["missing"] = True
    add_missing_row(features, sample, predict)
    assert len(sample) == 3
