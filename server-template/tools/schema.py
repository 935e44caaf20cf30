"""`python -m tools.schema` prints {"instance": <JSON Schema>, "prediction": <JSON Schema>} of your
Instance and Prediction, as pydantic (1.10 or 2) itself produces them. Tools read the model's
contract through this, never by parsing the Python text.

`python -m tools.schema --report` adds, per model file, whether a field table can stand for it
(see tools.schema_source) and the field order (the CSV column order).

`python -m tools.schema --serve` answers one report per line read on stdin, re-importing model/
each time: a tool keeps it running in a dev container so a saved edit is read without paying
Python's and pydantic's start-up again.
"""

import importlib
import json
import sys
from typing import Any, Dict

from server.compat import PYDANTIC_2, field_names, json_schema

REF = "#/$defs/{model}"


def model_schema(model: Any) -> Dict[str, Any]:
    """One self-contained JSON Schema: nested models under $defs on both pydantic versions."""
    schema = json_schema(model, REF)
    if "definitions" in schema:  # pydantic 1.10's name for $defs
        schema["$defs"] = schema.pop("definitions")
    return schema


def schemas(package: str = "model") -> Dict[str, Any]:
    instance = importlib.import_module(f"{package}.instance").Instance
    prediction = importlib.import_module(f"{package}.prediction").Prediction
    return {"instance": model_schema(instance), "prediction": model_schema(prediction)}


def report(package: str = "model") -> Dict[str, Any]:
    from tools.schema_source import representable

    out = schemas(package)
    instance = importlib.import_module(f"{package}.instance").Instance
    prediction = importlib.import_module(f"{package}.prediction").Prediction
    out["fieldOrder"] = {"instance": field_names(instance), "prediction": field_names(prediction)}
    out["pydantic"] = "2" if PYDANTIC_2 else "1"
    out["sources"] = {
        "instance": representable(sys.modules[instance.__module__].__file__ or ""),
        "prediction": representable(sys.modules[prediction.__module__].__file__ or ""),
    }
    return out


def _fresh_import() -> None:
    """Forget model/ so the next import reads the files as they are now."""
    for name in [n for n in sys.modules if n == "model" or n.startswith("model.")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def serve() -> int:
    for _ in sys.stdin:
        _fresh_import()
        try:
            answer = report()
        except Exception as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


def main() -> int:
    if "--serve" in sys.argv[1:]:
        return serve()
    try:
        result = report() if "--report" in sys.argv[1:] else schemas()
    except Exception as exc:  # the model does not import: say where, as JSON for the caller
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
