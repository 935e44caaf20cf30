"""predict_local: the project's own model/ run in this Python, as the server's runtime runs it."""

import os
import sys
import time

import pytest

from stagemaker import Project, ScaffoldError


def test_the_projects_predictor_answers_in_process(template_project):
    project = Project(str(template_project))
    assert project.invoke_local([{"field1": "a", "field2": 1.5}]) == [{"output_field": "a:3.0"}]
    assert list(project.predict_local([{"field1": "b", "field2": 2}])) == ["b:4.0"]


def test_the_notebooks_own_model_and_server_modules_are_left_alone(template_project):
    mine = type(sys)("model")
    sys.modules["model"] = mine
    try:
        Project(str(template_project)).predict_local([{"field1": "a", "field2": 1.0}])
        assert sys.modules["model"] is mine
        assert "model.predictor" not in sys.modules and "server.runtime" not in sys.modules
    finally:
        del sys.modules["model"]


def test_an_edited_predictor_is_reloaded(template_project):
    project = Project(str(template_project))
    assert list(project.predict_local([{"field1": "a", "field2": 1.0}])) == ["a:2.0"]
    predictor = template_project / "model" / "predictor.py"
    predictor.write_text(predictor.read_text().replace("self.factor = 2.0", "self.factor = 10.0"))
    later = time.time() + 5
    os.utime(predictor, (later, later))
    assert list(project.predict_local([{"field1": "a", "field2": 1.0}])) == ["a:10.0"]


def test_a_predictor_that_fails_to_load_says_why(template_project):
    predictor = template_project / "model" / "predictor.py"
    predictor.write_text(predictor.read_text().replace("self.factor = 2.0", "raise RuntimeError('weights missing')"))
    with pytest.raises(
        ScaffoldError,
        match="did not load in this notebook: the predictor failed to load: RuntimeError: weights missing",
    ):
        Project(str(template_project)).predict_local([{"field1": "a", "field2": 1.0}])


def test_rows_that_do_not_fit_the_instance_are_refused_with_the_fields(template_project):
    with pytest.raises(ScaffoldError, match="field2"):
        Project(str(template_project)).predict_local([{"field1": "a", "field2": "not a number"}])
