"""The notebook's versions: from importlib.metadata, with the packages a pickle imports."""

import importlib.metadata as md

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from xgboost import XGBClassifier

from stagemaker import environment


def test_pickle_of_a_pipeline_names_every_library_it_needs(iris):
    X, y = iris
    model = make_pipeline(StandardScaler(), XGBClassifier(n_estimators=3)).fit(X, y)
    dists = [environment.canonical(d) for d in environment.pickle_distributions(model)]
    assert "scikit-learn" in dists and "xgboost" in dists and "numpy" in dists


def test_stack_holds_the_exact_installed_versions_of_the_framework_and_its_numeric_stack():
    import scipy
    import sklearn

    stack = environment.stack("scikit-learn")
    assert stack["scikit-learn"] == sklearn.__version__ == md.version("scikit-learn")
    assert stack["numpy"] == np.__version__
    assert stack["scipy"] == scipy.__version__
    assert {"joblib", "threadpoolctl"} <= set(stack)


def test_gpu_runtime_libraries_are_left_out():
    # xgboost from PyPI requires nvidia-nccl-cu12 on Linux; the CPU image does not want it.
    assert md.version("nvidia-nccl-cu12")
    assert not any(name.startswith("nvidia") for name in environment.stack("xgboost"))


class NotebookModel:  # stands for a class typed into a notebook cell
    def predict(self, X):
        return np.zeros(len(X))


def test_code_outside_any_installed_package_is_found():
    local = NotebookModel()
    assert environment.local_code_modules(local) == {NotebookModel.__module__}
    assert environment.local_code_modules(LogisticRegression()) == set()


def test_a_model_of_notebook_code_is_refused_before_any_project_is_made(tmp_path, monkeypatch):
    import stagemaker

    monkeypatch.setenv("STAGEMAKER_CLI", str(tmp_path / "no-cli-needed"))  # refused before the CLI is looked for
    with pytest.raises(stagemaker.ScaffoldError, match="lives only in this notebook") as refused:
        stagemaker.scaffold(NotebookModel(), str(tmp_path / "project"))
    assert "installable package" in str(refused.value)  # says what to do
    assert not (tmp_path / "project").exists()


def test_a_scikit_learn_style_wrapper_brings_scikit_learn_into_the_stack(iris, tmp_path):
    import importlib

    import sklearn
    import xgboost

    from stagemaker import frameworks

    scaffolding = importlib.import_module("stagemaker.scaffold")  # the module, not the function
    X, y = iris
    model = XGBClassifier(n_estimators=2).fit(X, y)
    versions = scaffolding._notebook_versions(model, frameworks.save(model, None, str(tmp_path)))
    assert versions["xgboost"] == xgboost.__version__ and versions["scikit-learn"] == sklearn.__version__
    booster = model.get_booster()  # a bare Booster is no scikit-learn object
    assert "scikit-learn" not in scaffolding._notebook_versions(booster, frameworks.save(booster, None, str(tmp_path)))
