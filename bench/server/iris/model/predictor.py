import os
from typing import List

import joblib
import numpy

from model.instance import Instance
from model.prediction import Prediction

try:
    from pydantic_settings import BaseSettings
except ImportError:
    from pydantic import BaseSettings  # type: ignore[no-redef]


class PredictorConfig(BaseSettings):
    artifacts_dir: str = "/opt/ml/model"


class Predictor:
    """As a user would write it: no max_batch_size, so the server's default applies."""

    def __init__(self, config: PredictorConfig) -> None:
        self.model = joblib.load(os.path.join(config.artifacts_dir, "model.joblib"))

    def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
        rows = numpy.array(
            [[i.sepal_length, i.sepal_width, i.petal_length, i.petal_width] for i in instances]
        )
        return [Prediction(label=int(label)) for label in self.model.predict(rows)]
