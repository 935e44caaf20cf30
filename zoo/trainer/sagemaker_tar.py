"""A sample of the zoo again inside a SageMaker model.tar.gz (the artifact at the archive's root,
as SageMaker extracts it into /opt/ml/model), one per framework and pickle flavour."""

import json
import os
import shutil
import tarfile

import common

SAMPLES = [
    "np2-sklearn-pipeline-columns-classifier",
    "np1-sklearn-text-tfidf-logistic-regression",
    "np2-xgboost-json-multiclass",
    "np2-xgboost-sklearn-classifier-joblib",
    "np2-lightgbm-text-regressor",
    "np2-catboost-cbm-classifier",
    "np2-onnx-skl2onnx-logistic-regression-opset13",
]


def wrap_samples(wanted):
    """Wraps every sample that was trained (now, or by the np1 run before); returns failures."""
    failures = {}
    for source in SAMPLES:
        name = f"{source}-in-model-tar-gz"
        if wanted is not None and name not in wanted and source not in wanted:
            continue
        try:
            src = os.path.join(common.OUT, source)
            with open(os.path.join(src, "expected.json")) as f:
                expected = json.load(f)
            dest = common.folder(name)
            with tarfile.open(os.path.join(dest, "model.tar.gz"), "w:gz") as tar:
                tar.add(os.path.join(src, expected["artifact"]), arcname=expected["artifact"])
            expected.update(
                name=name,
                artifact="model.tar.gz",
                format=f"model.tar.gz ({expected['format']})",
                what=f"SageMaker model data: {expected['artifact']} inside model.tar.gz; {expected['what']}",
            )
            with open(os.path.join(dest, "expected.json"), "w") as f:
                json.dump(expected, f, indent=1)
        except Exception as error:
            shutil.rmtree(os.path.join(common.OUT, name), ignore_errors=True)
            failures[name] = f"{type(error).__name__}: {error}"
    return failures
