"""tools.model_writer: a field table -> model/instance.py or model/prediction.py. Every written
file imports on this image's pydantic (1.10 or 2), its JSON Schema says what the table said, black
leaves it as it is, ruff finds nothing; what a table cannot mean is refused saying what."""

import json
import os
import random
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from pydantic import BaseModel

from server.compat import PYDANTIC_2
from tools import model_writer
from tools.model_writer import write
from tools.schema import model_schema
from tools.schema_source import representable
from tools.table_rules import SHADOWED, TableError

from .writer_specs import SAMPLE, filled, random_spec

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "lab" / "written" / "instance.py"
SPECS = 150


def hand_laid(which: str, spec: Dict[str, Any]) -> str:
    """The writer's own layout, without black's second pass."""
    original = model_writer._formatted
    model_writer._formatted = model_writer.long_lines_marked  # type: ignore[assignment]
    try:
        return write(which, spec)
    finally:
        model_writer._formatted = original  # type: ignore[assignment]


def imported(code: str, name: str) -> Any:
    module = types.ModuleType(f"written_{random.randrange(10**9)}")
    exec(compile(code, "written.py", "exec"), module.__dict__)  # noqa: S102 - the writer's output
    return getattr(module, name)


def _node(prop: Dict[str, Any]) -> Dict[str, Any]:
    """The value's own schema: pydantic 2 wraps Optional in anyOf [X, null]."""
    options = prop.get("anyOf")
    if options:
        rest = [o for o in options if o.get("type") != "null"]
        assert len(rest) == 1, prop
        return rest[0]
    return prop


def check_schema(schema: Dict[str, Any], model: Dict[str, Any], defs: Dict[str, Any]) -> None:
    """The JSON Schema of one model says what its table row by row said."""
    fields = [filled(f) for f in model["fields"]]
    props = schema.get("properties", {})
    assert list(props) == [f.get("alias") or f["name"] for f in fields]
    required = {f.get("alias") or f["name"] for f in fields if f["required"] and "default" not in f}
    assert set(schema.get("required", [])) == required
    if model.get("description"):
        assert " ".join(schema["description"].split()) == " ".join(model["description"].split())
    for f in fields:
        prop = props[f.get("alias") or f["name"]]
        node = _node(prop)
        if PYDANTIC_2:
            optional = f["nullable"] or (not f["required"] and f.get("default") is None)
            assert ("anyOf" in prop) == optional, (f, prop)
        for _ in range(f.get("listDepth", 1) if f["list"] else 0):
            assert node["type"] == "array", (f, prop)
            node = node["items"]
        kind = f["type"]
        if kind == "enum":
            choices = node.get("enum", [node.get("const")])  # one choice: const
            assert sorted(map(repr, choices)) == sorted(map(repr, f["enumValues"])), (f, prop)
        elif kind == "model":
            ref = node.get("allOf", [node])[0]["$ref"]  # pydantic 1.10 wraps a $ref with siblings
            target = ref.rsplit("/", 1)[-1]
            assert target == f["model"]
            nested = next(m for m in defs["models"] if m["name"] == target)
            check_schema(defs["schema"][target], nested, defs)
        else:
            want = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}[kind]
            assert node["type"] == want, (f, prop)
        bounds = {
            "ge": "minimum",
            "le": "maximum",
            "gt": "exclusiveMinimum",
            "lt": "exclusiveMaximum",
        }
        for k, key in bounds.items():
            if k in f and not f["list"]:
                assert node[key] == f[k], (f, prop)
        if f.get("pattern") and not f["list"]:
            assert node["pattern"] == f["pattern"]
        if f.get("maxLength") is not None and not f["list"]:
            assert node["maxLength"] == f["maxLength"]
        if f.get("description"):
            assert prop["description"] == f["description"]
        if f.get("example") is not None:
            assert prop["examples"] == [f["example"]]
        if f.get("default") is not None:
            assert prop["default"] == f["default"]


def round_trip(which: str, spec: Dict[str, Any], code: Optional[str] = None) -> None:
    code = code if code is not None else write(which, spec)
    main = imported(code, spec["main"]["name"])
    schema = model_schema(main)
    defs = {"schema": schema.get("$defs", {}), "models": spec["nested"]}
    check_schema(schema, spec["main"], defs)


def test_the_sample_table_writes_the_fixture_the_schema_tests_import() -> None:
    assert write("instance", SAMPLE) == FIXTURE.read_text(encoding="utf-8")
    round_trip("instance", SAMPLE)
    assert representable(str(FIXTURE)) == {"editable": True, "problems": []}


def test_nested_models_come_first_and_only_used_imports() -> None:
    code = write("instance", SAMPLE)
    assert code.index("class Room(BaseModel)") < code.index("class Instance(BaseModel)")
    assert "from typing import List, Literal, Optional" in code
    assert 'kind: Literal["flat", "house"]' in code
    assert "area: float = Field(50.0, gt=0.0)" in code
    plain = write(
        "prediction",
        {"main": {"name": "Prediction", "fields": [filled({"name": "label", "type": "str"})]}},
    )
    assert "typing" not in plain and "Field" not in plain
    assert "    label: str\n" in plain


@pytest.mark.parametrize("seed", range(SPECS))
def test_random_tables_round_trip_and_are_black_and_ruff_clean(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    which = rng.choice(["instance", "prediction"])
    spec = random_spec(rng, which)
    code = hand_laid(which, spec)
    round_trip(which, spec, code)
    try:
        import black
    except ImportError:
        return  # the pip image: black is in the dev image only
    assert black.format_str(code, mode=black.Mode(line_length=100)) == code
    assert write(which, spec) == code  # black's pass changes nothing
    source = tmp_path / "model" / f"{which}.py"
    source.parent.mkdir()
    source.write_text(code, encoding="utf-8")
    representable_now = representable(str(source))
    assert representable_now["editable"], representable_now


def test_ruff_and_mypy_pass_on_written_files(tmp_path: Path) -> None:
    """One file per seed in one ruff and one mypy run, with the template's own configuration."""
    if not shutil.which("ruff"):
        pytest.skip("ruff is in the pip flavour's dev image (Debian has none)")
    config = TESTS.parent / "pyproject.toml"
    if not config.exists():  # `make test` mounts tests/ into the dev image, without the repo's root
        pytest.skip("the template's pyproject.toml is not here; `make lint` checks written code")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "__init__.py").write_text("")
    (tmp_path / "pyproject.toml").write_text(config.read_text())
    for seed in range(40):
        rng = random.Random(seed)
        which = rng.choice(["instance", "prediction"])
        (tmp_path / "model" / f"w{seed}.py").write_text(write(which, random_spec(rng, which)))
    (tmp_path / "model" / "sample.py").write_text(write("instance", SAMPLE))
    ruff = subprocess.run(
        ["ruff", "check", "--no-cache", "model"], cwd=tmp_path, capture_output=True, text=True
    )
    assert ruff.returncode == 0, ruff.stdout
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / ".mypy"), "model"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout


def test_names_python_or_pydantic_reserve_keep_their_json_name() -> None:
    names = ["class", "json", "model_config", "_id", "str", "Room", "ok"]
    spec = {
        "main": {"name": "Instance", "fields": [filled({"name": n, "type": "int"}) for n in names]},
        "nested": [{"name": "Room", "fields": []}],
    }
    code = write("instance", spec)
    assert 'class_: int = Field(..., alias="class")' in code
    assert 'id_: int = Field(..., alias="_id")' in code
    assert "    ok: int\n" in code
    round_trip("instance", spec)
    Instance = imported(code, "Instance")
    got = Instance(**{n: i for i, n in enumerate(names)})
    assert got.class_ == 0 and got.id_ == 3


def test_shadowed_covers_base_model_on_this_pydantic() -> None:
    public = {n for n in dir(BaseModel) if not n.startswith("_")}
    assert public - SHADOWED == set()


def test_an_explicit_alias_accepts_either_name() -> None:
    field = filled({"name": "income", "type": "float", "alias": "income ($)"})
    code = write("instance", {"main": {"name": "Instance", "fields": [field]}, "nested": []})
    Instance = imported(code, "Instance")
    assert Instance(**{"income ($)": 1}).income == 1.0
    assert Instance(income=2).income == 2.0


@pytest.mark.parametrize(
    "field, nested, says",
    [
        ({"name": "k", "type": "enum"}, [], "an enum needs at least one value"),
        ({"name": "n", "type": "int", "required": False, "default": 2.5}, [], "is not a int"),
        ({"name": "k", "type": "enum", "enumValues": ["a"], "default": "b"}, [], "not a enum"),
        ({"name": "r", "type": "model", "model": "Room"}, [], "Room is not one of the table's"),
        ({"name": "r", "type": "model", "model": "A"}, ["A", "B"], "use each other (A -> B -> A)"),
        ({"name": "t", "type": "str", "list": True, "default": "x"}, [], "is not a list"),
        ({"name": "n", "type": "int", "ge": 0, "gt": 1}, [], "ge and gt together"),
    ],
)
def test_what_a_table_cannot_mean_is_refused(
    field: Dict[str, Any], nested: List[str], says: str
) -> None:
    loop = [
        {"name": "A", "fields": [filled({"name": "b", "type": "model", "model": "B"})]},
        {"name": "B", "fields": [filled({"name": "a", "type": "model", "model": "A"})]},
    ]
    spec = {
        "main": {"name": "Instance", "fields": [filled(field)]},
        "nested": loop if nested else [],
    }
    with pytest.raises(TableError, match=re.escape(says)):
        write("instance", spec)


def test_the_main_class_keeps_the_name_the_server_imports() -> None:
    with pytest.raises(TableError, match="must define Prediction"):
        write("prediction", {"main": {"name": "Output", "fields": []}, "nested": []})


def test_serve_answers_one_line_per_request_and_survives_a_bad_one() -> None:
    requests = [
        {"which": "instance", "spec": SAMPLE},
        {
            "which": "instance",
            "spec": {"main": {"name": "Instance", "fields": [{"name": "k", "type": "enum"}]}},
        },
        "not json",
        {
            "which": "prediction",
            "spec": {"main": {"name": "Prediction", "fields": []}, "nested": []},
        },
    ]
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in requests)
    env = dict(os.environ, PYTHONPATH=str(TESTS.parent))
    out = subprocess.run(
        [sys.executable, "-m", "tools.model_writer"],
        input=lines,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(answers) == 4
    assert answers[0] == {"path": "model/instance.py", "code": FIXTURE.read_text(encoding="utf-8")}
    assert "an enum needs at least one value" in answers[1]["error"]
    assert "JSONDecodeError" in answers[2]["error"]
    assert "    pass\n" in answers[3]["code"]
