"""The OpenAPI document behind /docs and /redoc, built from your Instance and Prediction models
(the invocation routes read raw bodies to handle CSV and JSON Lines, so FastAPI cannot infer it)."""

from typing import Any, Dict

from server.compat import field_names, json_schema
from server.text_bodies import csv_pattern, json_lines_pattern

REF = "#/components/schemas/{model}"


def openapi_schema(title: str, version: str, runtime: Any) -> Dict[str, Any]:
    schemas: Dict[str, Any] = {}
    instance: Dict[str, Any] = {"type": "object"}
    prediction: Dict[str, Any] = {"type": "object"}
    csv: Dict[str, Any] = {"type": "string", "description": "one instance per line"}
    lines: Dict[str, Any] = {"type": "string", "description": "one JSON instance per line"}
    if runtime.codec is not None:
        for model in (runtime.codec.instance_model, runtime.codec.prediction_model):
            schema = json_schema(model, REF)
            for nested in ("$defs", "definitions"):
                schemas.update(schema.pop(nested, {}))
            schemas[model.__name__] = schema
        instance = {"$ref": REF.format(model=runtime.codec.instance_model.__name__)}
        prediction = {"$ref": REF.format(model=runtime.codec.prediction_model.__name__)}
        columns = field_names(runtime.codec.instance_model)
        instance_schema = schemas[runtime.codec.instance_model.__name__]
        csv["description"] = (
            f"one instance per line, {len(columns)} columns in this order: {', '.join(columns)}"
        )
        lines["description"] = "one JSON object per line, each an Instance"
        for body, pattern in ((csv, csv_pattern), (lines, json_lines_pattern)):
            regex = pattern(instance_schema)
            if regex is not None:
                body["pattern"] = regex
    request = {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["instances"],
                    "properties": {"instances": {"type": "array", "items": instance}},
                },
            },
            "text/csv": {"schema": csv},
            "application/jsonlines": {"schema": lines},
        },
        "required": True,
    }
    predictions = {
        "description": "one prediction per instance, in order",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"predictions": {"type": "array", "items": prediction}},
                }
            },
            "text/csv": {"schema": {"type": "string"}},
            "application/jsonlines": {"schema": {"type": "string"}},
        },
    }
    errors = {
        str(code): {"description": text}
        for code, text in (
            (400, "malformed body"),
            (406, "no acceptable response type"),
            (413, "body over SAGEMAKER_MAX_PAYLOAD_IN_MB"),
            (415, "unsupported Content-Type"),
            (422, "instances do not match the schema"),
            (500, "the predictor raised (see error_id in the logs)"),
            (503, "the predictor is not loaded"),
            (504, "prediction over SAGEMAKER_MODEL_SERVER_TIMEOUT"),
        )
    }
    invoke = {
        "summary": "Predict",
        "requestBody": request,
        "responses": {"200": predictions, **errors},
    }
    name = [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}]
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": {
            "/ping": _get_and_head(
                {
                    "summary": "Health: 200 once the predictor has loaded, 503 with the reason",
                    "responses": {
                        "200": {"description": "ready"},
                        "503": {"description": "not ready"},
                    },
                }
            ),
            "/invocations": {"post": dict(invoke, operationId="invocations")},
            "/execution-parameters": _get_and_head(
                {
                    "summary": "Batch transform parameters",
                    "responses": {
                        "200": {
                            "description": "MaxConcurrentTransforms, BatchStrategy, MaxPayloadInMB"
                        }
                    },
                }
            ),
            "/v1/models/{name}:predict": {
                "post": dict(invoke, operationId="kserve_predict", parameters=name)
            },
            "/v1/models/{name}": _get_and_head(
                {
                    "summary": "KServe v1 readiness",
                    "parameters": name,
                    "responses": {
                        "200": {"description": "ready"},
                        "503": {"description": "not ready"},
                    },
                }
            ),
        },
        "components": {"schemas": schemas},
    }


def _get_and_head(operation: Dict[str, Any]) -> Dict[str, Any]:
    """A GET route also answers HEAD (same headers, no body): both are declared, so any other
    method is an honest 405 with `Allow: GET, HEAD`."""
    head = dict(operation, summary=f"{operation['summary']} (headers only)")
    return {"get": operation, "head": head}
