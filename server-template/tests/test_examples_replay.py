"""`make it`'s replay of examples/ (tests/integration/examples.py) against a live server: a kept
answer passes, a changed one fails naming the example with expected and got."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROGRAM = Path(__file__).resolve().parents[1]


def saved(name: str, output: str, ignore=()) -> dict:
    return {
        "name": name,
        "request": {
            "path": "/invocations",
            "contentType": "application/json",
            "body": {"instances": [{"field1": "asdf", "field2": 1.2}]},
        },
        "expected": {
            "status": 200,
            "contentType": "application/json",
            "body": {"predictions": [{"output_field": output}]},
        },
        "match": {"floatAbs": 1e-6, "floatRel": 1e-6, "ignore": list(ignore)},
    }


def replay(server, folder: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MODEL_URL=f"http://127.0.0.1:{server.port}", EXAMPLES_DIR=str(folder))
    return subprocess.run(
        [sys.executable, str(PROGRAM / "tests" / "integration" / "examples.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_kept_answers_pass(example, tmp_path: Path) -> None:
    (tmp_path / "kept.json").write_text(json.dumps(saved("kept", "asdf:2.4")))
    ignored = saved("ignored", "anything", ignore=["predictions.*.output_field"])
    (tmp_path / "ignored.json").write_text(json.dumps(ignored))
    result = replay(example, tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_changed_answer_fails_and_is_named(example, tmp_path: Path) -> None:
    (tmp_path / "kept.json").write_text(json.dumps(saved("kept", "asdf:2.4")))
    (tmp_path / "changed.json").write_text(json.dumps(saved("changed", "asdf:9.9")))
    result = replay(example, tmp_path)
    assert result.returncode != 0
    assert "changed.json" in result.stderr
    assert 'at predictions.0.output_field: expected "asdf:9.9", got "asdf:2.4"' in result.stderr
    assert "kept.json" not in result.stderr
