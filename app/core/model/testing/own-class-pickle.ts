// Pickles a person writes of their own classes: no adapter serves them, so Stagemaker must refuse them.

/**
 * The bytes CPython's `pickle.dumps(obj, protocol=2)` writes for an instance of `module.cls` holding
 * one int attribute (`obj.k = 3`); checked byte for byte against CPython 3.11 for mymodel.Doubler.
 * Loading it needs the person's own module, which only their predictor can provide.
 */
export function ownClassPickle(module = "mymodel", cls = "Doubler"): Buffer {
  return Buffer.concat([
    Buffer.from([0x80, 0x02]), // PROTO 2
    Buffer.from(`c${module}\n${cls}\nq\x00`, "latin1"), // GLOBAL module.cls, memoised
    Buffer.from(")\x81q\x01}q\x02X\x01\x00\x00\x00kq\x03K\x03sb.", "latin1"), // cls.__new__(cls); __dict__ = {"k": 3}
  ]);
}

/** A predictor of the person's own: it reads the pickle's bytes (their own loading code would go here). */
export const OWN_PREDICTOR = `import os
from typing import List

from model.instance import Instance
from model.prediction import Prediction

try:  # pydantic 2
    from pydantic_settings import BaseSettings
except ImportError:  # pydantic 1.10
    from pydantic import BaseSettings  # type: ignore[no-redef]


class PredictorConfig(BaseSettings):
    artifacts_dir: str = "/opt/ml/model"


class Predictor:
    def __init__(self, config: PredictorConfig) -> None:
        with open(os.path.join(config.artifacts_dir, "model.pkl"), "rb") as f:
            self.size = len(f.read())

    def predict_batch(self, instances: List[Instance]) -> List[Prediction]:
        return [Prediction(output_field=f"{i.field1}:{self.size}") for i in instances]
`;
