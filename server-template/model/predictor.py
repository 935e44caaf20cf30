from typing import List

from model.instance import Instance
from model.prediction import Prediction

try:  # pydantic 2
    from pydantic_settings import BaseSettings
except ImportError:  # pydantic 1.10 (the debian flavour's python3-pydantic)
    from pydantic import BaseSettings  # type: ignore[no-redef]


class PredictorConfig(BaseSettings):
    """Settings for the predictor, read from environment variables (case-insensitive):
    ARTIFACTS_DIR=/mnt/my-model MAX_BATCH_SIZE=64 serve
    """

    # Where SageMaker extracts your model data (model.tar.gz); Stagemaker mounts artifacts/ here.
    artifacts_dir: str = "/opt/ml/model"
    # predict_batch() never gets more instances than this in one call.
    max_batch_size: int = 16


class Predictor:
    """Loads the model once (in __init__) and predicts batches of instances."""

    def __init__(self, config: PredictorConfig) -> None:
        self.config = config
        # Load weights from config.artifacts_dir here, e.g.
        #   self.model = joblib.load(os.path.join(config.artifacts_dir, "model.joblib"))
        self.factor = 2.0

    def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
        """One Prediction per Instance, in the same order."""
        return [
            Prediction(output_field=f"{instance.field1}:{instance.field2 * self.factor}")
            for instance in instances
        ]

    # Optional hooks, called when defined:
    #
    # def preprocess(self, instances: List[Instance], context: InvocationContext)
    #     -> List[Instance]
    # def postprocess(self, predictions: List[Prediction], context: InvocationContext)
    #     -> List[Prediction]
    #
    # and predict_batch(self, instances, context) when it declares a `context` parameter.
    # context.custom_attributes is the request's X-Amzn-SageMaker-Custom-Attributes header;
    # set context.response_custom_attributes to send one back
    # (from server.context import InvocationContext).
