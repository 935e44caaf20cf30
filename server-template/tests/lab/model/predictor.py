import os
import time
from typing import List

from model.instance import Instance
from model.prediction import Prediction
from server.context import InvocationContext

try:
    from pydantic_settings import BaseSettings
except ImportError:
    from pydantic import BaseSettings  # type: ignore[no-redef]

if os.environ.get("LAB_IMPORT_ERROR"):
    raise ImportError("lab model: import failed on purpose")


class PredictorConfig(BaseSettings):
    artifacts_dir: str = "/opt/ml/model"
    max_batch_size: int = 3
    lab_load_seconds: float = 0.0
    lab_load_error: str = ""


class Predictor:
    def __init__(self, config: PredictorConfig) -> None:
        time.sleep(config.lab_load_seconds)
        if config.lab_load_error:
            raise RuntimeError(config.lab_load_error)

    def preprocess(self, instances: List[Instance], context: InvocationContext) -> List[Instance]:
        if context.custom_attributes == "double":
            return [Instance(action=i.action, value=i.value * 2) for i in instances]
        return instances

    def predict_batch(
        self, instances: List[Instance], context: InvocationContext
    ) -> List[Prediction]:
        out = []
        for instance in instances:
            if instance.action == "sleep":
                time.sleep(instance.value)
            elif instance.action == "raise":
                raise ValueError(f"lab model: asked to fail with {instance.value}")
            out.append(
                Prediction(action=instance.action, value=instance.value, batch_size=len(instances))
            )
        if context.custom_attributes:
            context.response_custom_attributes = f"seen={context.custom_attributes}"
        return out

    def postprocess(
        self, predictions: List[Prediction], context: InvocationContext
    ) -> List[Prediction]:
        if context.custom_attributes == "short":
            return predictions[:1]
        return predictions
