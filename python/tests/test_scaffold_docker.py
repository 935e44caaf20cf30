"""The whole path on the real engine: train here, scaffold with a sample, build, run, and the
container answers what the model answers here; the saved example passes in .test() and in
`stagemaker test` from a shell; predict_local answers the same without Docker."""

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
import xgboost
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import stagemaker


@pytest.fixture
def stop_after():
    started = []
    yield started.append
    for project in started:
        try:
            project.stop()
        except stagemaker.ScaffoldError:
            pass  # never ran


def _image_tag(directory):
    """The project's own image: its name and its id (stagemaker/NAME-ID:latest), from stagemaker.json."""
    import json
    from pathlib import Path

    tag = json.loads((Path(directory) / "stagemaker.json").read_text())["imageTag"]
    assert tag.startswith("stagemaker/smk-notebook-xgb-") and tag.endswith(":latest")
    return tag


def _shell_test(directory):
    assert shutil.which("stagemaker"), "scripts/test-python-package.sh puts a `stagemaker` command on PATH"
    return subprocess.run(f"stagemaker test '{directory}'", shell=True, capture_output=True, text=True)


def test_an_xgboost_classifier_from_the_notebook_answers_the_same_in_its_container(iris, tmp_path, stop_after):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=20, max_depth=3).fit(X, y)
    project = stagemaker.scaffold(model, str(tmp_path / "xgb"), sample=X[:5], name="smk-notebook-xgb", quiet=True)

    record = json.loads((tmp_path / "xgb" / "notebook-environment.json").read_text())
    versions = {e["package"]: (e["notebook"], e["image"]) for e in record["environment"]}
    assert versions["xgboost"] == (xgboost.__version__, xgboost.__version__)
    assert versions["numpy"] == (np.__version__, np.__version__)  # the notebook's numpy, not the table's
    import sklearn  # XGBClassifier is a scikit-learn estimator: its version travels too

    assert versions["scikit-learn"] == (sklearn.__version__, sklearn.__version__)
    assert np.array_equal(project.predict_local(X[:5]), model.predict(X[:5]))
    assert (
        "xgboost" in project._repr_html_()
        and f"docker build -t {_image_tag(project.directory)}" in project.docker_build_string
    )

    project.build()
    stop_after(project)
    assert project.run()["state"] == "healthy"
    assert np.array_equal(project.predict(X[:5]), model.predict(X[:5]))
    assert np.array_equal(project.predict(X[40:140]), model.predict(X[40:140]))  # rows it was not scaffolded with
    report = project.test()
    assert report.ok, report
    shell = _shell_test(project.directory)
    assert shell.returncode == 0, shell.stdout + shell.stderr
    assert "1 passed, 0 failed" in shell.stdout


def test_a_scikit_learn_pipeline_on_a_dataframe_keeps_its_column_names_and_versions(iris, tmp_path, stop_after):
    X, y = iris
    frame = pd.DataFrame(X, columns=["sepal length", "sepal width", "petal length", "petal width"])
    model = make_pipeline(StandardScaler(), HistGradientBoostingClassifier(max_iter=15)).fit(frame, y)
    project = stagemaker.scaffold(
        model, str(tmp_path / "skl"), sample=frame[:5], name="smk-notebook-sklearn", quiet=True
    )

    import sklearn

    assert [f["name"] for f in project.record["schema"]["instance"]] == list(frame.columns)
    image = project.record["image"]["requirements"]
    assert f"scikit-learn=={sklearn.__version__}" in image and f"numpy=={np.__version__}" in image
    assert np.array_equal(project.predict_local(frame[10:20]), model.predict(frame[10:20]))

    project.build()
    stop_after(project)
    project.run()
    assert np.array_equal(project.predict(frame[50:150]), model.predict(frame[50:150]))
    assert np.array_equal(project.predict(frame[:3].to_dict("records")), model.predict(frame[:3]))
    assert project.test().ok
    assert _shell_test(project.directory).returncode == 0
