"""The adapters against real models: each model the intake trainer made (app/core/model/testing,
trained at test time, never committed) is introspected, its project files generated, and the
generated predictor imported and run in a fresh Python; its answers must equal the framework's
own predictions saved at training time, its generated tests must pass, and black, ruff and mypy
must accept the generated files.

Runs where the frameworks are installed and STAGEMAKER_MODELS names the trained models' folder
(scripts/test-adapters.sh); skipped elsewhere (an exported project's `make unit`). A zoo folder
(branch zoo: one folder per entry, expected.json with artifact, rows, predictions, framework)
works too: entries of a framework without an adapter, or packed as model.tar.gz, are left out.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

MODELS = os.environ.get("STAGEMAKER_MODELS", "")
PROGRAM = Path(__file__).resolve().parents[2]
KINDS = {
    "sklearn": "sklearn",
    "sklearn-text": "sklearn",
    "sklearn-text-columns": "sklearn",
    "sklearn-gbc": "sklearn",
    "lightgbm-sklearn": "sklearn",
    "xgboost-sklearn": "sklearn",
    "xgboost-json": "xgboost",
    "xgboost-ubj": "xgboost",
    "xgboost-binary": "xgboost",
    "lightgbm": "lightgbm",
    "catboost": "catboost",
    "onnx": "onnx",
}

pytestmark = pytest.mark.skipif(not MODELS, reason="no trained models (STAGEMAKER_MODELS unset)")


FRAMEWORKS = {
    "sklearn": "sklearn",
    "scikit-learn": "sklearn",
    "xgboost": "xgboost",
    "lightgbm": "lightgbm",
    "catboost": "catboost",
    "onnx": "onnx",
}


def kind_of(name: str) -> str:
    if name in KINDS:
        return KINDS[name]
    saved = json.loads((Path(MODELS) / name / "expected.json").read_text())
    if str(saved.get("artifact", "")).endswith(".tar.gz"):
        return ""
    if saved.get("format") in ("joblib", "pickle") or str(saved.get("format", "")).startswith(
        ("joblib", "pickle")
    ):
        return "sklearn"  # framework estimators pickled through scikit-learn's API too
    return FRAMEWORKS.get(str(saved.get("framework", "")).lower(), "")


def trained() -> List[str]:
    if not MODELS:
        return []
    found = [p.parent.name for p in Path(MODELS).glob("*/expected.json")]
    return sorted(n for n in found if kind_of(n))


_made: Dict[str, Dict[str, Any]] = {}


def project_for(name: str, tmp_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """introspect + generate into a scratch project holding the template's server/ and config
    (once per model: the three tests share it)."""
    if name not in _made:
        tmp = tmp_factory.mktemp(name)
        _made[name] = {**_generate(name, tmp), "tmp": tmp}
    return _made[name]


def _generate(name: str, tmp: Path) -> Dict[str, Any]:
    from server.frameworks import adapter
    from tools.render import render

    folder = Path(MODELS) / name
    saved = json.loads((folder / "expected.json").read_text())
    kind = kind_of(name)
    info = adapter(kind).introspect(str(folder / saved["artifact"]))
    detection = {"file": saved["artifact"], "kind": kind, "modules": []}
    pins = {
        "package": kind,
        "version": info["frameworkVersion"],
        "requirements": [],
        "systemPackages": [],
        "notes": [],
    }
    generated = render(detection, info, pins)
    shutil.copytree(
        PROGRAM / "server", tmp / "server", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(PROGRAM / "pyproject.toml", tmp / "pyproject.toml")
    (tmp / "model").mkdir()
    shutil.copy(PROGRAM / "model" / "__init__.py", tmp / "model" / "__init__.py")
    (tmp / "tests").mkdir()
    (tmp / "tests" / "__init__.py").write_text("")
    for f in generated["files"]:
        path = tmp / f["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f["content"])
    return {"saved": saved, "info": info, "folder": folder, "generated": generated}


def run(tmp: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tmp), ARTIFACTS_DIR=str(folder))
    return subprocess.run(args, cwd=tmp, env=env, capture_output=True, text=True, timeout=300)


SCRIPT = """
import json, sys
from model.instance import Instance
from model.predictor import Predictor, PredictorConfig
from server.frameworks import as_rows
names, rows = json.loads(sys.argv[1])
predictor = Predictor(PredictorConfig())
out = as_rows(predictor.predict_batch([Instance(**dict(zip(names, r))) for r in rows]))
print(json.dumps(out))
"""


def same(want: Any, got: Any) -> bool:
    if want is None or got is None:
        return want is got
    if isinstance(want, float) or isinstance(got, float):
        return abs(float(want) - float(got)) <= 1e-5 * max(1.0, abs(float(want)))
    return bool(want == got)


@pytest.mark.parametrize("name", trained())
def test_the_generated_predictor_answers_like_the_framework(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    made = project_for(name, tmp_path_factory)
    tmp_path = made["tmp"]
    names = [f["name"] for f in made["info"]["features"]]
    rows = made["saved"]["rows"]
    result = run(tmp_path, made["folder"], sys.executable, "-c", SCRIPT, json.dumps([names, rows]))
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    want = made["saved"]["predictions"]
    # predict()'s value for each row, or its list (a multi-output regressor): the first outputs.
    outputs = [o["name"] for o in made["info"]["outputs"]]
    got = [
        [a[n] for n in outputs[: len(w)]] if isinstance(w, list) else a[outputs[0]]
        for w, a in zip(want, answers)
    ]
    assert len(answers) == len(want)
    assert all(
        all(same(x, y) for x, y in zip(w, g)) if isinstance(w, list) else same(w, g)
        for w, g in zip(want, got)
    ), f"expected {want}, got {got}"


@pytest.mark.parametrize("name", trained())
def test_the_generated_tests_pass_and_the_files_pass_the_linters(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    made = project_for(name, tmp_path_factory)
    tmp_path = made["tmp"]
    folder = made["folder"]
    tests = run(
        tmp_path,
        folder,
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/test_predictor.py",
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "passed" in tests.stdout
    paths = ["model", "tests/test_predictor.py"]
    black = run(tmp_path, folder, sys.executable, "-m", "black", "--check", *paths)
    assert black.returncode == 0, black.stderr
    ruff = run(tmp_path, folder, sys.executable, "-m", "ruff", "check", "--no-cache", *paths)
    assert ruff.returncode == 0, ruff.stdout
    mypy = run(
        tmp_path,
        folder,
        sys.executable,
        "-m",
        "mypy",
        "--cache-dir",
        "/tmp/mypy-adapters",
        "model",
        "tests/test_predictor.py",
    )
    assert mypy.returncode == 0, mypy.stdout


@pytest.mark.parametrize("name", trained())
def test_introspection_gives_expected_answers_and_outputs(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    info = project_for(name, tmp_path_factory)["info"]
    assert info["features"] and info["outputs"]
    assert len(info["expected"]) >= 2
    outputs = {o["name"] for o in info["outputs"]}
    for case in info["expected"]:
        assert set(case["row"]) == {f["name"] for f in info["features"]}
        assert set(case["prediction"]) == outputs
