"""The few places where pydantic 1.10 and pydantic 2 differ, so the server runs on either.

A user's requirements.txt (or the debian flavour) may bring either major version; the server
must keep working with whichever one the image ends up with.
"""

import json
from typing import Any, Dict, List, Sequence, Type

import pydantic

PYDANTIC_2 = pydantic.VERSION.startswith("2.")

ValidationError = pydantic.ValidationError


class MalformedJson(ValueError):
    """The body is not JSON at all (as opposed to JSON that breaks the schema)."""


def field_names(model: Type[Any]) -> List[str]:
    """Fields in declaration order: the CSV column order."""
    fields = model.model_fields if PYDANTIC_2 else model.__fields__
    return list(fields)


def is_list_field(model: Type[Any], name: str) -> bool:
    """A field holding a list (a tensor): one .npy row fills it whole."""
    if PYDANTIC_2:
        annotation = model.model_fields[name].annotation
        return getattr(annotation, "__origin__", None) in (list, List)
    return bool(model.__fields__[name].shape != 1)  # 1: pydantic 1's SHAPE_SINGLETON


def alias_of(model: Type[Any], name: str) -> str:
    """The model's own name for a field (a DataFrame column), which messages should use."""
    field = model.model_fields[name] if PYDANTIC_2 else model.__fields__[name]
    return str(field.alias or name)


def accepts_missing(model: Type[Any], name: str) -> bool:
    """A field that takes None (Optional[...]): the model accepts a missing value there."""
    if PYDANTIC_2:
        annotation = model.model_fields[name].annotation
        return type(None) in getattr(annotation, "__args__", ())
    return bool(model.__fields__[name].allow_none)


def is_text_field(model: Type[Any], name: str) -> bool:
    """A plain str field: an empty CSV cell there is an empty text, not a missing value."""
    if PYDANTIC_2:
        return model.model_fields[name].annotation is str
    return model.__fields__[name].outer_type_ is str


def json_schema(model: Type[Any], ref_template: str) -> Dict[str, Any]:
    if PYDANTIC_2:
        return dict(model.model_json_schema(ref_template=ref_template))
    return dict(model.schema(ref_template=ref_template))


def error_list(exc: Exception) -> List[Dict[str, Any]]:
    """Validation errors as {loc, msg, type} with JSON-safe values."""
    if not isinstance(exc, pydantic.ValidationError):
        return [{"loc": [], "msg": str(exc), "type": "value_error"}]
    out = []
    for err in exc.errors():
        msg = err["msg"]
        if PYDANTIC_2 and "input" in err and err["input"] is None:
            # null where the Instance has no Optional: say why, not just the type expected.
            msg += " (null is a missing value, which the model does not accept for this field)"
        out.append({"loc": list(err["loc"]), "msg": msg, "type": err["type"]})
    return out


class Codec:
    """Validates instances and serialises predictions for one Instance/Prediction pair."""

    def __init__(self, instance_model: Type[Any], prediction_model: Type[Any]) -> None:
        self.instance_model = instance_model
        self.prediction_model = prediction_model
        self._body = pydantic.create_model(
            "InvocationRequest",
            instances=(List[instance_model], ...),  # type: ignore[valid-type]
        )
        if PYDANTIC_2:
            from pydantic import TypeAdapter

            self._instances = TypeAdapter(List[instance_model])  # type: ignore[valid-type]
            self._predictions = TypeAdapter(List[prediction_model])  # type: ignore[valid-type]

    def request_json(self, raw: bytes) -> List[Any]:
        """`{"instances": [...]}` bytes to validated instances (MalformedJson / ValidationError)."""
        if PYDANTIC_2:
            try:
                # Strict: JSON has types, and /openapi.json promises them (a number field
                # refuses "1.5" and true). CSV cells are text, so they stay lax (instances()).
                body = self._body.model_validate_json(raw, strict=True)  # type: ignore[attr-defined]
                return list(body.instances)  # type: ignore[attr-defined]
            except pydantic.ValidationError as exc:
                first = exc.errors()[0]
                if first["type"] == "json_invalid":
                    raise MalformedJson(str(first["msg"])) from None
                raise
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise MalformedJson(str(exc)) from None
        return list(self._body.parse_obj(data).instances)  # type: ignore[attr-defined]

    def instances(self, items: Any) -> List[Any]:
        if PYDANTIC_2:
            return list(self._instances.validate_python(items))
        return list(pydantic.parse_obj_as(List[self.instance_model], items))  # type: ignore[name-defined]

    def predictions_json(self, predictions: Sequence[Any]) -> bytes:
        """A JSON array of predictions."""
        if PYDANTIC_2:
            return bytes(self._predictions.dump_json(list(predictions)))
        return json.dumps([p.dict() for p in predictions], separators=(",", ":")).encode()

    def prediction_json(self, prediction: Any) -> bytes:
        if PYDANTIC_2:
            return bytes(prediction.model_dump_json().encode())
        return json.dumps(prediction.dict(), separators=(",", ":")).encode()

    def prediction_dict(self, prediction: Any) -> Dict[str, Any]:
        if PYDANTIC_2:
            return dict(prediction.model_dump(mode="json"))
        return dict(json.loads(prediction.json()))

    def check_prediction(self, value: Any) -> Any:
        """Accepts a Prediction, or a dict the Prediction model validates."""
        if isinstance(value, self.prediction_model):
            return value
        if PYDANTIC_2:
            return self.prediction_model.model_validate(value)
        return self.prediction_model.parse_obj(value)
