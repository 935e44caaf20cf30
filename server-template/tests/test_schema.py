"""`python -m tools.schema`: the model's JSON Schemas from pydantic itself (1.10 or 2), and
whether a field table can stand for a model file. Runs on both flavours' pydantic."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from tools.schema import model_schema, schemas
from tools.schema_source import representable

TESTS = Path(__file__).resolve().parent
TOY = TESTS / "toy"  # the template's toy model: these tests hold whatever the project's model is
ENV = dict(os.environ, PYTHONPATH=str(TESTS.parent))
WRITTEN = TESTS / "lab" / "written" / "instance.py"


def load_written():
    spec = importlib.util.spec_from_file_location("written_instance", WRITTEN)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_entry_point_prints_both_schemas() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tools.schema"],
        cwd=TOY,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert set(data) == {"instance", "prediction"}
    assert list(data["instance"]["properties"]) == ["field1", "field2"]
    assert data["instance"]["properties"]["field2"]["type"] == "number"
    assert data["prediction"]["required"] == ["output_field"]


def test_report_says_the_template_models_are_editable() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tools.schema", "--report"],
        cwd=TOY,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["fieldOrder"]["instance"] == ["field1", "field2"]
    assert data["sources"]["instance"] == {"editable": True, "problems": []}


def test_written_file_runs_and_enforces_its_constraints() -> None:
    Instance = load_written().Instance
    ok = Instance(
        city="Paris", rooms=3, kind="flat", rooms_detail=[{"name": "kitchen", "size": 9.5}]
    )
    assert ok.area == 50.0 and ok.garden is None
    for bad in (
        {"city": "paris"},  # the pattern, on pydantic 1 (regex) and 2 (pattern)
        {"rooms": 0},
        {"kind": "castle"},
        {"rooms_detail": [{"name": "x", "size": -1}]},
    ):
        base = {"city": "Paris", "rooms": 3, "kind": "flat"}
        fields = dict(base, rooms_detail=[{"name": "k", "size": 1.0}])
        fields.update(bad)
        try:
            Instance(**fields)
        except Exception:
            continue
        raise AssertionError(f"accepted {bad}")


def test_written_schema_has_nested_defs_enum_and_constraints() -> None:
    schema = model_schema(load_written().Instance)
    props = schema["properties"]
    assert props["kind"]["enum"] == ["flat", "house"]
    assert props["rooms"]["minimum"] == 1 and props["rooms"]["maximum"] == 20
    assert props["city"]["pattern"] == "^[A-Z]" and props["city"]["examples"] == ["Paris"]
    assert props["rooms_detail"]["items"]["$ref"] == "#/$defs/Room"
    assert "Room" in schema["$defs"]
    assert representable(str(WRITTEN)) == {"editable": True, "problems": []}


def test_code_a_table_cannot_show_is_read_only(tmp_path: Path) -> None:
    source = tmp_path / "instance.py"
    source.write_text(
        "from pydantic import BaseModel, validator\n\n\n"
        "class Instance(BaseModel):\n"
        "    x: float\n\n"
        "    @validator('x')\n"
        "    def positive(cls, v):\n"
        "        return v\n"
    )
    report = representable(str(source))
    assert report["editable"] is False
    assert "a method or validator" in report["problems"][0]


def test_schemas_of_the_example_model() -> None:
    assert schemas()["instance"]["title"] == "Instance"


def test_serve_answers_each_line_with_the_files_as_they_are_now(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "__init__.py").write_text("")
    (tmp_path / "model" / "prediction.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Prediction(BaseModel):\n    y: float\n"
    )
    instance = tmp_path / "model" / "instance.py"
    instance.write_text(
        "from pydantic import BaseModel\n\n\nclass Instance(BaseModel):\n    a: int\n"
    )
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{TESTS.parent}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tools.schema", "--serve"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write("report\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())
    instance.write_text(first_edit := instance.read_text() + "    b: str\n")
    assert "b: str" in first_edit
    proc.stdin.write("report\n")
    proc.stdin.flush()
    second = json.loads(proc.stdout.readline())
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert first["fieldOrder"]["instance"] == ["a"]
    assert second["fieldOrder"]["instance"] == ["a", "b"]
