"""The sample's example: the model's own answers, per Prediction field."""

import numpy as np
import pytest
import xgboost
from sklearn.linear_model import LinearRegression

from stagemaker import examples


def test_prediction_fields_are_read_in_order_by_pythons_parser(template_project):
    assert examples.prediction_fields(str(template_project)) == ["output_field"]


def test_label_and_per_class_probabilities_come_from_predict_and_predict_proba(iris):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=3).fit(X, y)
    answers = examples.own_answers(model, X[:4], ["label", "probability_0", "probability_1", "probability_2"])
    proba = model.predict_proba(X[:4])
    assert [p["label"] for p in answers["predictions"]] == model.predict(X[:4]).tolist()
    assert [p["probability_2"] for p in answers["predictions"]] == pytest.approx(proba[:, 2].tolist())
    assert answers["ignored"] == []


def test_one_list_field_takes_the_probabilities_and_unknown_fields_are_left_out_of_the_comparison(iris):
    X, y = iris
    model = xgboost.XGBClassifier(n_estimators=3).fit(X, y)
    listed = examples.own_answers(model, X[:2], ["label", "probabilities"])
    assert listed["predictions"][0]["probabilities"] == pytest.approx(model.predict_proba(X[:1])[0].tolist())
    reg = LinearRegression().fit(X, y)
    other = examples.own_answers(reg, X[:2], ["prediction", "interval"])
    assert other["ignored"] == ["interval"] and other["predictions"][0]["prediction"] == pytest.approx(
        float(reg.predict(X[:1])[0])
    )
    assert isinstance(other["predictions"][0]["prediction"], float) and not isinstance(
        other["predictions"][0]["prediction"], np.floating
    )
