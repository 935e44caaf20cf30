# A handler script (SageMaker script mode) for the pipeline tests' first step: scales each row by the
# column means and spreads in scaler.json, and answers text/csv, which the next step's input_fn reads.
import json
import os

import numpy as np


def model_fn(model_dir):
    with open(os.path.join(model_dir, "scaler.json")) as f:
        return json.load(f)


def predict_fn(data, model):
    return (np.atleast_2d(data) - np.array(model["mean"])) / np.array(model["std"])


def output_fn(prediction, accept):
    return "".join(",".join(repr(float(v)) for v in row) + "\n" for row in prediction), "text/csv"
