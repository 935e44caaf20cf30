"""Test support: a SageMaker model folder (model data + code/inference.py) written by each test,
and a `serve` started on it in handler mode."""

import json
import os
import textwrap
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

np = pytest.importorskip("numpy")

# Importing scikit-learn in a fresh server takes seconds, tens of them on a busy machine.
LOAD_TIMEOUT = 120 * float(os.environ.get("STAGEMAKER_TEST_TIME_FACTOR") or 1)

ROWS = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]]


def trained_sklearn(model_dir: Path) -> Any:
    """A real scikit-learn classifier trained here, saved as the SageMaker user would."""
    pytest.importorskip("sklearn")
    import joblib
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 4)) * [1.0, 0.5, 2.0, 1.0] + [5.8, 3.0, 3.7, 1.2]
    y = (x[:, 2] + 0.5 * x[:, 3] > 4.3).astype(int)
    model = LogisticRegression().fit(x, y)
    joblib.dump(model, model_dir / "model.joblib")
    return model


SKLEARN_MODEL_FN = """
import os
import joblib

def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))
"""


def write_script(base: Path, source: str, extra: Optional[Dict[str, str]] = None) -> Path:
    """base/model/code/inference.py (and any helper files), as SageMaker extracts model data."""
    code = base / "model" / "code"
    code.mkdir(parents=True, exist_ok=True)
    (code / "inference.py").write_text(textwrap.dedent(source))
    for name, text in (extra or {}).items():
        (code / name).write_text(textwrap.dedent(text))
    return base / "model"


def handler_env(base: Path, defaults: str, **more: str) -> Dict[str, str]:
    env = {
        "SAGEMAKER_BASE_DIR": str(base),
        "SAGEMAKER_PROGRAM": "inference.py",
        "STAGEMAKER_HANDLER_DEFAULTS": defaults,
    }
    env.update(more)
    return env


def npy(value: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, value)
    return buffer.getvalue()


def json_rows() -> bytes:
    return json.dumps(ROWS).encode()


def csv_rows() -> bytes:
    return "".join(",".join(str(v) for v in row) + "\n" for row in ROWS).encode()


def wait_for_text(server: Any, text: str, timeout: float = LOAD_TIMEOUT) -> None:
    """Until the server's log holds `text` (a load failure is logged before /ping says so)."""
    import time

    deadline = time.monotonic() + timeout
    while text not in server.output():
        assert (
            time.monotonic() < deadline
        ), f"{text!r} never appeared in the log:\n{server.output()}"
        time.sleep(0.05)
