"""Shared fixtures. The suite runs against the installed package (scripts/test-python-package.sh
installs the built wheel into a clean venv); STAGEMAKER_TEST_WHEEL=1 checks that it is."""

import os
from pathlib import Path

import pytest

import stagemaker

REPO = Path(__file__).resolve().parents[2]
TIME_FACTOR = float(os.environ.get("STAGEMAKER_TEST_TIME_FACTOR") or 1)


def pytest_configure(config):
    if os.environ.get("STAGEMAKER_TEST_WHEEL") == "1":
        assert (
            "site-packages" in stagemaker.__file__
        ), f"stagemaker imported from {stagemaker.__file__}, not from the installed wheel"


@pytest.fixture
def iris():
    from sklearn.datasets import load_iris

    return load_iris(return_X_y=True)


@pytest.fixture
def template_project(tmp_path):
    """A copy of the server template: a project whose predictor is the template's toy."""
    import shutil

    target = tmp_path / "project"
    shutil.copytree(REPO / "server-template", target, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    (target / "stagemaker.json").write_text(
        '{"name": "smk-notebook-toy", "templateVersion": "1", "imageTag": "stagemaker/smk-notebook-toy:latest"}'
    )
    (target / "artifacts").mkdir()
    return target
