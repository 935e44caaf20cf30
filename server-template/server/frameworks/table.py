"""Every requirement set the pins tables can produce (scripts/check-framework-pins.ts asks pip to
resolve each): `python -m server.frameworks.table` prints them as one JSON list."""

import json
from typing import Any, Dict, List

from server.frameworks import booster_pins, keras, onnx, pytorch, sklearn_pins, tensorflow


def rows() -> List[List[str]]:
    out: List[List[str]] = []
    base: Dict[str, Any] = {"file": "m", "modules": []}
    for row in sklearn_pins.TABLE.values():
        for version in sorted({row["oldest"], row["latest"]}):
            out.append(sklearn_pins.pins({**base, "frameworkVersion": version})["requirements"])
        if row.get("numpy2"):
            detection = {**base, "frameworkVersion": row["latest"], "numpy": "2"}
            out.append(sklearn_pins.pins(detection)["requirements"])
    for version in booster_pins.XGBOOST.values():
        out.append(
            booster_pins.xgboost_pins({**base, "frameworkVersion": version}, None)["requirements"]
        )
    for fmt in booster_pins.LIGHTGBM:
        out.append(
            booster_pins.lightgbm_pins({**base, "frameworkVersion": fmt}, None)["requirements"]
        )
    for version in booster_pins.CATBOOST:
        out.append(
            booster_pins.catboost_pins({**base, "frameworkVersion": version}, None)["requirements"]
        )
    for runtime, opset, ml, ir in onnx.RUNTIMES:
        detection = {**base, "onnx": {"irVersion": ir, "opsets": {"": opset, "ai.onnx.ml": ml}}}
        out.append(onnx.pins(detection, {"onnxruntime": runtime})["requirements"])
    for version in ("3.3.3", "3.8.0", keras.DEFAULT_KERAS):
        out.append(keras.pins({**base, "frameworkVersion": version})["requirements"])
    text = {**base, "frameworkVersion": keras.DEFAULT_KERAS, "layers": ["StringLookup"]}
    out.append(keras.pins(text)["requirements"])
    for version in tensorflow.RELEASES.values():
        out.append(tensorflow.pins({**base, "frameworkVersion": version})["requirements"])
    # PyTorch's default is Debian's python3-torch (no pip line); the CPU index is not PyPI's.
    cuda = pytorch.pins({**base, "format": "torchscript-zip"}, {"torch": "2.5.1"})
    out.append(cuda["requirements"])
    return out


if __name__ == "__main__":
    print(json.dumps(rows()))
