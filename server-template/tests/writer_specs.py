"""Field tables for the writer's tests: the sample using every row kind, random ones drawn with a
seed (property-style: names needing aliases, quotes in enums and texts, bounds, nested models,
lists of lists, optional, defaults), and the check that a JSON Schema pydantic wrote says what its
table said."""

import random
import string
from typing import Any, Dict, List

# The field table the Schemas tab's e2e writes too (app/core/schemas/field-table-sample.ts).
SAMPLE: Dict[str, Any] = {
    "main": {
        "name": "Instance",
        "description": "A house to price.",
        "fields": [
            {
                "name": "city",
                "type": "str",
                "required": True,
                "minLength": 2,
                "maxLength": 40,
                "pattern": "^[A-Z]",
                "description": "Where it is",
                "example": "Paris",
            },
            {"name": "rooms", "type": "int", "ge": 1, "le": 20},
            {"name": "area", "type": "float", "required": False, "default": 50, "gt": 0},
            {"name": "kind", "type": "enum", "enumValues": ["flat", "house"]},
            {"name": "garden", "type": "bool", "required": False, "nullable": True},
            {
                "name": "rooms_detail",
                "type": "model",
                "model": "Room",
                "list": True,
                "description": "One entry per room",
            },
        ],
    },
    "nested": [
        {
            "name": "Room",
            "fields": [
                {"name": "name", "type": "str"},
                {"name": "size", "type": "float", "ge": 0},
            ],
        }
    ],
}

AWKWARD_TEXT = ['say "hi"', "it's", "both ' and \"", "back\\slash", "tab\tand\nline", "é😀", ""]
AWKWARD_NAMES = ["class", "json", "schema", "copy", "model_config", "str", "List", "in", "_id"]


def filled(field: Dict[str, Any]) -> Dict[str, Any]:
    """A row with the contract's defaults (zod fills them before the writer sees a table)."""
    base = {"list": False, "enumValues": [], "required": True, "nullable": False}
    return {**base, **field}


def _text(rng: random.Random, long: bool = False) -> str:
    if rng.random() < 0.4:
        return rng.choice(AWKWARD_TEXT)
    words = rng.randint(1, 30 if long else 4)
    return " ".join(
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 9))) for _ in range(words)
    )


def _field(rng: random.Random, name: str, models: List[str]) -> Dict[str, Any]:
    kind = rng.choice(["str", "int", "float", "bool", "enum"] + (["model"] if models else []))
    f: Dict[str, Any] = filled({"name": name, "type": kind})
    if rng.random() < 0.3:
        f["list"] = True
        if kind != "model" and rng.random() < 0.3:
            f["listDepth"] = rng.randint(2, 3)
    if kind == "enum":
        pools: List[List[Any]] = [AWKWARD_TEXT[:5] + ["a", "b", "c"], [0, 1, 2], [True, False]]
        pool = rng.choice(pools)
        f["enumValues"] = rng.sample(pool, rng.randint(1, min(3, len(pool))))
    if kind == "model":
        f["model"] = rng.choice(models)
    f["nullable"] = rng.random() < 0.3
    f["required"] = rng.random() < 0.6
    scalar = not f["list"]
    if scalar and kind in ("int", "float"):
        for k in [rng.choice(pair) for pair in (("ge", "gt"), ("le", "lt")) if rng.random() < 0.5]:
            f[k] = rng.randint(-5, 5) if kind == "int" else rng.choice([0, 1.5, -2.25])
        low = max([f.get("ge", -99), f.get("gt", -99)])
        for k in ("le", "lt"):
            if k in f and f[k] <= low + 1:
                f[k] = low + 10  # a bound pair that leaves room for a value
    if scalar and kind == "str" and rng.random() < 0.4:
        f["minLength"], f["maxLength"] = 0, rng.randint(5, 50)
    if scalar and kind == "str" and rng.random() < 0.2:
        f["pattern"] = rng.choice(["^[a-z]+$", '^"', "\\d{3}"])
    if rng.random() < 0.4:
        f["description"] = _text(rng, long=True)
    if scalar and kind in ("str", "int", "bool") and rng.random() < 0.3:
        f["example"] = {"str": "x", "int": 3, "bool": True}[kind]
    if kind != "model" and not f["required"] and rng.random() < 0.5:
        f["default"] = _default(f, rng)
    return f


def _default(f: Dict[str, Any], rng: random.Random) -> Any:
    value: Any = {
        "str": "d",
        "int": 0,
        "float": 2,
        "bool": False,
        "enum": (f["enumValues"] or [""])[0],
    }[f["type"]]
    if f["list"]:  # empty, or one value at every depth ([[]] under Optional defeats mypy)
        for _ in range(f.get("listDepth", 1)):
            value = [value]
        value = value if rng.random() < 0.5 else []
    if not f["list"] and f["type"] in ("int", "float"):
        value = f.get("ge", f.get("gt", 0) + 1)  # inside the bounds
    return value


def random_spec(rng: random.Random, which: str) -> Dict[str, Any]:
    names = ["Part", "Item", "Address"][: rng.randint(0, 3)]
    nested = []
    for i, name in enumerate(names):
        usable = names[i + 1 :]  # a model may only use later ones: no cycle
        nested.append({"name": name, "fields": _fields(rng, usable)})
    main = {
        "name": "Instance" if which == "instance" else "Prediction",
        "fields": _fields(rng, names),
    }
    if rng.random() < 0.5:
        main["description"] = _text(rng, long=True)
    return {"main": main, "nested": nested}


def _fields(rng: random.Random, models: List[str]) -> List[Dict[str, Any]]:
    pool = [f"field_{i}" for i in range(6)] + AWKWARD_NAMES
    return [_field(rng, n, models) for n in rng.sample(pool, rng.randint(0, 6))]
