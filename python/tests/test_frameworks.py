"""Each framework's own format, chosen from the object; refusals say why and what to do."""

import numpy as np
import pytest
import xgboost
from sklearn.ensemble import RandomForestRegressor

from stagemaker import ScaffoldError, frameworks


def test_an_xgboost_model_is_written_as_xgboost_json_that_answers_like_the_model(iris, tmp_path):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=5, max_depth=2).fit(X, y)
    saved = frameworks.save(model, None, str(tmp_path))
    assert (saved.framework, saved.format, saved.distribution) == ("xgboost", "xgboost json", "xgboost")
    reloaded = xgboost.XGBClassifier()
    reloaded.load_model(saved.path)
    assert np.array_equal(reloaded.predict(X), model.predict(X))


def test_a_booster_is_xgboost_too(iris, tmp_path):
    X, y = iris
    booster = xgboost.train(
        {"objective": "multi:softprob", "num_class": 3}, xgboost.DMatrix(X, label=y), num_boost_round=2
    )
    assert frameworks.detect(booster) == "xgboost"


def test_scikit_learn_goes_through_joblib(tmp_path):
    model = RandomForestRegressor(n_estimators=3).fit(np.random.rand(20, 3), np.random.rand(20))
    saved = frameworks.save(model, None, str(tmp_path))
    assert (saved.framework, saved.format) == ("sklearn", "joblib")
    import joblib

    assert isinstance(joblib.load(saved.path), RandomForestRegressor)


def test_an_xgboost_model_may_be_asked_for_as_joblib(iris, tmp_path):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=2).fit(X, y)
    assert frameworks.save(model, "sklearn", str(tmp_path)).format == "joblib"


def test_an_object_without_predict_is_refused_with_what_to_pass():
    with pytest.raises(ScaffoldError, match="no predict"):
        frameworks.detect({"weights": [1, 2]})


def test_an_impossible_format_is_refused(iris, tmp_path):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=2).fit(X, y)
    with pytest.raises(ScaffoldError, match="cannot be written as catboost"):
        frameworks.save(model, "catboost", str(tmp_path))
    with pytest.raises(ScaffoldError, match="choose one of"):
        frameworks.save(model, "pickle", str(tmp_path))


def test_onnx_without_its_converter_says_what_to_install(tmp_path):
    model = RandomForestRegressor(n_estimators=2).fit(np.random.rand(10, 2), np.random.rand(10))
    try:
        import skl2onnx  # noqa: F401
    except ImportError:
        with pytest.raises(ScaffoldError, match="pip install skl2onnx"):
            frameworks.save(model, "onnx", str(tmp_path))
    else:
        assert frameworks.save(model, "onnx", str(tmp_path)).format == "onnx"
