"""Your model's own tests: add yours here (they run inside the image with `make unit`)."""

from model.instance import Instance
from model.prediction import Prediction
from model.predictor import Predictor, PredictorConfig


def test_example_prediction() -> None:
    predictor = Predictor(PredictorConfig())
    out = predictor.predict_batch([Instance(field1="asdf", field2=1.2)])
    assert out == [Prediction(output_field="asdf:2.4")]


def test_config_reads_environment(monkeypatch) -> None:
    monkeypatch.setenv("ARTIFACTS_DIR", "/tmp/artifacts")
    config = PredictorConfig()
    assert config.artifacts_dir == "/tmp/artifacts"


def test_default_artifacts_dir_is_sagemakers() -> None:
    assert PredictorConfig().artifacts_dir == "/opt/ml/model"
