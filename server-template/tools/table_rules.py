"""What a field table may say, before tools.model_writer spells it: names Python or pydantic
reserve (kept as aliases), defaults of the row's type, nested models that exist and do not use each
other, one main class with the name the server imports. Stdlib only, like the writer."""

import json
import keyword
from typing import Any, Dict, List

PATHS = {"instance": "model/instance.py", "prediction": "model/prediction.py"}
MAIN_CLASS = {"instance": "Instance", "prediction": "Prediction"}
SCALARS = {"str", "int", "float", "bool"}
# Names the module itself uses: a field or model of that name would shadow them in the class body.
MODULE_NAMES = SCALARS | {"List", "Literal", "Optional", "BaseModel", "Field", "PATTERN", "VERSION"}
# BaseModel's own attributes on pydantic 1.10 or 2 (pydantic 1.10 refuses a field named so;
# tests/test_model_writer.py checks this covers each version' dir(BaseModel)).
# fmt: off
SHADOWED = {
    "Config", "construct", "copy", "dict", "fields", "from_orm", "json", "parse_file", "parse_obj",
    "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
    "model_computed_fields", "model_config", "model_construct", "model_copy", "model_dump",
    "model_dump_json", "model_extra", "model_fields", "model_fields_set", "model_json_schema",
    "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
    "model_validate_json", "model_validate_strings", "copy_with",
}
# fmt: on
KEYWORDS = set(keyword.kwlist)


class TableError(ValueError):
    """The table asks for something a model file cannot say; the message names the field."""


def is_name(name: Any) -> bool:
    return isinstance(name, str) and name.isidentifier() and name.isascii()


def attribute(name: str, taken: set) -> str:
    """The Python attribute for a field: its name, unless Python or pydantic reserves it."""
    safe = name if is_name(name) and not name.startswith("_") else ""
    if not safe or safe in KEYWORDS or safe in SHADOWED or safe in taken:
        base = "".join(c if c.isalnum() and c.isascii() else "_" for c in name).strip("_")
        base = base if base and not base[0].isdigit() else f"f_{base}"
        safe, n = f"{base}_", 2
        while safe in KEYWORDS or safe in SHADOWED or safe in taken:
            safe, n = f"{base}_{n}", n + 1
    return safe


def check_default(where: str, f: Dict[str, Any], value: Any) -> None:
    kind, values = f["type"], f.get("enumValues") or []
    for _ in range(depth(f)):
        if not isinstance(value, list):
            raise TableError(f"{where}: the default {json.dumps(value)} is not a list")
        if not value:
            return
        value = value[0]
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "enum": value in values,
        "model": False,
    }[kind]
    if not ok:
        why = (
            "a nested model cannot have a default in the table: make the field optional"
            if kind == "model"
            else f"the default {json.dumps(value)} is not a {kind}"
            + (f" of {json.dumps(values)}" if kind == "enum" else "")
        )
        raise TableError(f"{where}: {why}")


def depth(f: Dict[str, Any]) -> int:
    return int(f.get("listDepth") or 1) if f.get("list") else 0


def ordered(spec: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Nested models before the models that use them (both pydantic versions need that), in the
    table's order otherwise; the main model last."""
    main, nested = spec["main"], list(spec.get("nested") or [])
    by_name = {m["name"]: m for m in nested}
    out: List[Dict[str, Any]] = []
    done: set = set()

    def visit(m: Dict[str, Any], path: List[str]) -> None:
        if m["name"] in done:
            return
        if m["name"] in path:
            loop = " -> ".join(path[path.index(m["name"]) :] + [m["name"]])
            raise TableError(f"the nested models use each other ({loop}): a table cannot say that")
        for f in m["fields"]:
            if f["type"] == "model":
                target = by_name.get(f.get("model") or "")
                if target is None:
                    raise TableError(
                        f"{m['name']}.{f['name']}: the model {f.get('model') or '(none)'} is not"
                        " one of the table's nested models; add it or choose another type"
                    )
                visit(target, path + [m["name"]])
        done.add(m["name"])
        out.append(m)

    for m in nested:
        visit(m, [main["name"]])
    visit(main, [])
    return out


def check_models(which: str, models: List[Dict[str, Any]]) -> None:
    names = [m["name"] for m in models]
    if models[-1]["name"] != MAIN_CLASS[which]:
        raise TableError(
            f"{PATHS[which]} must define {MAIN_CLASS[which]} (the server imports it by that"
            f" name), not {models[-1]['name']}"
        )
    for name in names:
        if not is_name(name) or name in KEYWORDS or name in MODULE_NAMES:
            raise TableError(f"{name!r} cannot name a model: choose a Python name, e.g. Item")
        if names.count(name) > 1:
            raise TableError(f"two models are named {name}: rename one")
    for m in models:
        seen = set()
        for f in m["fields"]:
            where = f"{m['name']}.{f.get('name')}"
            if f.get("alias", f.get("name")) in seen:
                raise TableError(f"{where}: two fields have this name in {m['name']}")
            seen.add(f.get("alias", f.get("name")))
            if f["type"] == "enum" and not f.get("enumValues"):
                raise TableError(f"{where}: an enum needs at least one value")
            for v in f.get("enumValues") or []:
                if not isinstance(v, (str, int)) or (isinstance(v, float)):
                    raise TableError(
                        f"{where}: the choice {json.dumps(v)} is not text or a whole number"
                    )
            if f.get("default") is not None:
                check_default(where, f, f["default"])
            for a, b in (("ge", "gt"), ("le", "lt")):
                if f.get(a) is not None and f.get(b) is not None:
                    raise TableError(f"{where}: {a} and {b} together (pydantic 1.10 refuses both)")
