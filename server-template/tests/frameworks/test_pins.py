"""pins(): requirements chosen from the file's own facts and the person's requests (standard
library only, so these run everywhere, an exported project's `make unit` too)."""

import json
import subprocess
import sys

import pytest

from server.frameworks import Refusal, adapter
from server.frameworks.requested import requested_versions


def onnx_file(opset: int, ir: int = 10, ml: int = 3) -> dict:
    return {
        "file": "m.onnx",
        "kind": "onnx",
        "onnx": {"irVersion": ir, "opsets": {"": opset, "ai.onnx.ml": ml}},
    }


def test_the_onnx_runtime_follows_the_files_opset() -> None:
    newest = adapter("onnx").pins(onnx_file(22))
    assert newest["requirements"][0] == "onnxruntime==1.23.2"
    assert "1.21.1" in newest["notes"][0]  # the oldest that runs opset 22
    older = adapter("onnx").pins(onnx_file(17, 8), {"onnxruntime": "1.15.1"})
    assert older["requirements"] == ["onnxruntime==1.15.1", "numpy==1.26.4"]


def test_a_runtime_too_old_for_the_file_is_refused_saying_which_works() -> None:
    with pytest.raises(Refusal) as refused:
        adapter("onnx").pins(onnx_file(22), {"onnxruntime": "1.20.1"})
    assert "1.21.1 or later" in refused.value.todo
    with pytest.raises(Refusal):  # IR 12: no tested runtime reads it
        adapter("onnx").pins(onnx_file(22, 12))


def test_a_framework_inside_a_pickle_brings_its_system_library() -> None:
    detection = {
        "file": "m.joblib",
        "kind": "sklearn",
        "frameworkVersion": "1.5.2",
        "modules": ["lightgbm.sklearn", "sklearn.preprocessing._label", "_loss"],
    }
    pins = adapter("sklearn").pins(detection)
    assert "lightgbm==4.5.0" in pins["requirements"]
    assert pins["systemPackages"] == ["libgomp1"]
    assert not any("_loss" in note for note in pins["notes"])  # scikit-learn's own, not a package


def test_the_persons_own_module_is_named() -> None:
    detection = {
        "file": "m.joblib",
        "kind": "sklearn",
        "frameworkVersion": "1.5.2",
        "modules": ["sklearn.pipeline", "my_features"],
    }
    notes = adapter("sklearn").pins(detection)["notes"]
    assert any("my_features" in n and "model/" in n for n in notes)


def test_a_version_written_in_requirements_txt_wins_over_the_file() -> None:
    requested = requested_versions("# mine\nscikit_learn == 1.4.2\nnumpy==1.26.4\n")
    detection = {"file": "m.joblib", "kind": "sklearn", "frameworkVersion": "1.5.2", "modules": []}
    assert adapter("sklearn").pins(detection, requested)["requirements"][0] == "scikit-learn==1.4.2"


def test_a_version_without_a_wheel_is_refused() -> None:
    with pytest.raises(Refusal) as refused:
        adapter("sklearn").pins(
            {"file": "m", "kind": "sklearn", "modules": []}, {"scikit-learn": "0.24.2"}
        )
    assert "1.1.3" in refused.value.todo


def test_the_command_line_answers_json_and_exit_3_for_a_refusal() -> None:
    # keras has an adapter now (branch deeplearning): a kind nobody serves is refused.
    given = json.dumps({"detection": {"file": "m.bin", "kind": "unknown"}})
    done = subprocess.run(
        [sys.executable, "-m", "tools.frameworks", "pins"],
        input=given,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 3
    assert "unknown" in json.loads(done.stdout)["refused"]["message"]
    given = json.dumps({"detection": onnx_file(21), "frameworkVersion": "1.18.1"})
    done = subprocess.run(
        [sys.executable, "-m", "tools.frameworks", "pins"],
        input=given,
        capture_output=True,
        text=True,
    )
    assert json.loads(done.stdout)["requirements"][0] == "onnxruntime==1.18.1"


def test_an_xgboost_estimator_pickle_pins_the_version_its_booster_records() -> None:
    detection = {
        "file": "m.joblib",
        "kind": "sklearn",
        "modules": ["xgboost.sklearn", "xgboost.core"],
        "embedded": {"xgboost": "3.1.2"},
    }
    pins = adapter("sklearn").pins(detection)
    assert "xgboost-cpu==3.1.2" in pins["requirements"]
    assert "xgboost-cpu==2.1.4" not in pins["requirements"]
    assert any("saved by xgboost 3.1.2" in n for n in pins["notes"])
    # The person's own pin still wins over the file's evidence.
    asked = adapter("sklearn").pins(detection, {"xgboost-cpu": "3.0.5"})
    assert "xgboost-cpu==3.0.5" in asked["requirements"]
    # A booster too old for a Python 3.11 wheel: the oldest that has one reads it.
    old = adapter("sklearn").pins({**detection, "embedded": {"xgboost": "1.0.2"}})
    assert "xgboost==1.3.3" in old["requirements"]


def test_torch_builds_off_pypi_name_their_index_so_the_host_can_check_settings() -> None:
    torch = adapter("pytorch")
    export = torch.pins({"file": "m.pt2", "kind": "pytorch", "format": "torch-export"})
    assert export["requirements"][0].startswith("torch==") and export["version"].endswith("+cpu")
    assert export["index"] == "https://download.pytorch.org/whl/cpu"
    cpu = [c for c in export["choices"] if c["version"].endswith("+cpu")]
    assert [c["index"] for c in cpu] == [export["index"]]
    script = {"file": "m.pt", "kind": "pytorch", "format": "torchscript"}
    assert "index" not in torch.pins(script)  # Debian's python3-torch
    assert "index" not in torch.pins(script, {"torch": "2.5.1"})  # PyPI's CUDA build


def test_a_torch_export_program_is_not_offered_debians_torch_and_refuses_it() -> None:
    torch = adapter("pytorch")
    export = {"file": "m.pt2", "kind": "pytorch", "format": "torch-export"}
    assert "1.13.1" not in [c["version"] for c in torch.pins(export)["choices"]]
    with pytest.raises(Refusal) as refused:
        torch.pins(export, {"torch": "1.13.1"})
    assert "torch 2.1 or later" in refused.value.why and "2.5.1+cpu" in refused.value.todo
