import os
import time
from pathlib import Path
from typing import List, Optional

from model.instance import Instance
from model.prediction import Prediction
from server.context import InvocationContext

try:
    from pydantic_settings import BaseSettings
except ImportError:
    from pydantic import BaseSettings  # type: ignore[no-redef]

if os.environ.get("LAB_IMPORT_ERROR"):
    raise ImportError("lab model: import failed on purpose")

# How predict_batch hears of requests: "context" (one per call), "contexts" (one per instance)
# or "plain" (none); the server batches differently for each.
STYLE = os.environ.get("LAB_PREDICT_STYLE", "context")


class PredictorConfig(BaseSettings):
    artifacts_dir: str = "/opt/ml/model"
    max_batch_size: int = 3
    lab_load_seconds: float = 0.0
    lab_load_error: str = ""
    # An instance with action "gate" holds its batch until this file exists.
    lab_gate: str = ""


class Predictor:
    def __init__(self, config: PredictorConfig) -> None:
        self.config = config
        time.sleep(config.lab_load_seconds)
        if config.lab_load_error:
            raise RuntimeError(config.lab_load_error)

    def preprocess(self, instances: List[Instance], context: InvocationContext) -> List[Instance]:
        if context.custom_attributes == "double":
            return [Instance(action=i.action, value=i.value * 2) for i in instances]
        if context.custom_attributes == "preprocess-raises":
            raise ValueError("lab model: preprocess failed on purpose")
        return instances

    def _predict(
        self, instances: List[Instance], contexts: List[Optional[InvocationContext]]
    ) -> List[Prediction]:
        out = []
        for instance in instances:
            if instance.action == "sleep":
                time.sleep(instance.value)
            elif instance.action == "raise":
                raise ValueError(f"lab model: asked to fail with {instance.value}")
            elif instance.action == "gate":
                deadline = time.monotonic() + 30
                while not Path(self.config.lab_gate).exists() and time.monotonic() < deadline:
                    time.sleep(0.005)
            out.append(
                Prediction(
                    action=instance.action,
                    value=instance.value,
                    batch_size=len(instances),
                    worker=os.getpid(),
                )
            )
        for context in contexts:
            if context is not None and context.custom_attributes:
                context.response_custom_attributes = f"seen={context.custom_attributes}"
        return out

    if STYLE == "plain":

        def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
            return self._predict(instances, [None] * len(instances))

    elif STYLE == "contexts":

        def predict_batch(  # type: ignore[misc]
            self, instances: List[Instance], contexts: List[InvocationContext]
        ) -> List[Prediction]:
            return self._predict(instances, list(contexts))

    else:

        def predict_batch(  # type: ignore[misc]
            self, instances: List[Instance], context: InvocationContext
        ) -> List[Prediction]:
            return self._predict(instances, [context] * len(instances))

    def postprocess(
        self, predictions: List[Prediction], context: InvocationContext
    ) -> List[Prediction]:
        if context.custom_attributes == "short":
            return predictions[:1]
        return predictions
