"""What every deep-learning zoo trainer writes: per entry a folder with the model file and
expected.json (the rows by feature name and the framework's own raw outputs on them)."""

import json
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "/out"


def folder(name):
    path = os.path.join(OUT, name)
    os.makedirs(path, exist_ok=True)
    return path


def plain(value):
    return value.tolist() if hasattr(value, "tolist") else value


def save_expected(name, **entry):
    """entry: framework, version, format, what, artifact, input ("flat" | "tensor"), rows
    (lists in input order, or nested lists for a tensor), outputs (the framework's own raw
    outputs, one list per row), labels (argmax class per row, for classifiers)."""
    with open(os.path.join(OUT, name, "expected.json"), "w") as f:
        json.dump({"name": name, **{k: plain(v) for k, v in entry.items()}}, f)
