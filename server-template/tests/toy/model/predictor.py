from typing import List

from model.instance import Instance
from model.prediction import Prediction

try:  # pydantic 2
    from pydantic_settings import BaseSettings
except ImportError:  # pydantic 1.10 (the debian flavour's python3-pydantic)
    from pydantic import BaseSettings  # type: ignore[no-redef]


class PredictorConfig(BaseSettings):
    """Settings for the predictor, read from environment variables (case-insensitive):
    ARTIFACTS_DIR=/mnt/my-model serve
    The server's own (MAX_BATCH_SIZE, STAGEMAKER_BATCHING, ...) are listed in the README; declare
    `max_batch_size: int = N` here to fix the most instances predict_batch() gets in one call.
    """

    # Where SageMaker extracts your model data (model.tar.gz); Stagemaker mounts artifacts/ here.
    artifacts_dir: str = "/opt/ml/model"


class Predictor:
    """Loads the model once (in __init__) and predicts batches of instances."""

    def __init__(self, config: PredictorConfig) -> None:
        self.config = config
        # Load weights from config.artifacts_dir here, e.g.
        #   self.model = joblib.load(os.path.join(config.artifacts_dir, "model.joblib"))
        self.factor = 2.0

    def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
        """One Prediction per Instance, in the same order. Instances of concurrent requests
        arrive together (dynamic batching), at most MAX_BATCH_SIZE per call."""
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
    # (run per request, with that request's context), and predict_batch(self, instances,
    # contexts) when it declares `contexts`: one InvocationContext per instance. (A `context`
    # parameter also works: then only requests with equal contexts share a call.)
    # context.custom_attributes is the request's X-Amzn-SageMaker-Custom-Attributes header;
    # set context.response_custom_attributes to send one back
    # (from server.context import InvocationContext).
