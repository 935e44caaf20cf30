"""The project's own predictor run in this Python process, without Docker: the server's model
runtime (server/runtime.py: load, preprocess, predict_batch in batches, postprocess, Prediction
checks) loads model/ from the project folder, with the notebook's packages. Whatever
model/predictor.py the project has is what runs, edits included (a changed file is reloaded)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .errors import ScaffoldError

PACKAGES = ("model", "server")  # the project's top-level packages, as the image sees them


def _ours(name: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in PACKAGES)


class LocalPredictor:
    def __init__(self, project_dir: str, timeout_s: float = 60.0) -> None:
        self.dir = str(Path(project_dir).resolve())
        self.timeout_s = timeout_s
        self._modules: Dict[str, Any] = {}
        self._runtime: Any = None
        self._signature: Tuple[Tuple[str, float], ...] = ()
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    @contextmanager
    def _imports(self) -> Iterator[None]:
        """The project's model/ and server/ importable, without touching the notebook's own
        modules of the same names (they are set aside and put back)."""
        theirs = {k: sys.modules.pop(k) for k in list(sys.modules) if _ours(k)}
        sys.modules.update(self._modules)
        sys.path.insert(0, self.dir)
        try:
            yield
        finally:
            sys.path.remove(self.dir)
            self._modules = {k: sys.modules.pop(k) for k in list(sys.modules) if _ours(k)}
            sys.modules.update(theirs)

    def _files(self) -> Tuple[Tuple[str, float], ...]:
        root = Path(self.dir)
        files = sorted(p for pkg in PACKAGES for p in (root / pkg).rglob("*.py"))
        return tuple((str(p), p.stat().st_mtime) for p in files)

    def load(self) -> None:
        self._modules = {}
        artifacts = os.path.join(self.dir, "artifacts")
        before = os.environ.get("ARTIFACTS_DIR")
        os.environ["ARTIFACTS_DIR"] = artifacts  # PredictorConfig.artifacts_dir, /opt/ml/model in the image
        try:
            with self._imports():
                try:
                    from server.runtime import ModelRuntime
                    from server.settings import Settings
                except ImportError as exc:
                    raise _missing(exc) from None
                runtime = ModelRuntime("model", Settings.from_env({}))
                runtime.load()
        finally:
            if before is None:
                os.environ.pop("ARTIFACTS_DIR", None)
            else:
                os.environ["ARTIFACTS_DIR"] = before
        if runtime.state != "ready":
            reason = str(runtime.reason)
            if "No module named 'pydantic" in reason:
                raise _missing(ImportError(reason))
            raise ScaffoldError(
                f"The project's predictor did not load in this notebook: {reason}. "
                f"Fix model/ in {self.dir} (the traceback is in the log above), then call predict_local again."
            )
        self._runtime = runtime
        self._signature = self._files()

    def _event_loop(self) -> asyncio.AbstractEventLoop:
        """A loop of our own on a thread: works the same inside Jupyter's running loop."""
        if self._loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="stagemaker-local", daemon=True).start()
            self._loop = loop
        return self._loop

    def predict(self, instances: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Predictions as the server's JSON answer holds them, for JSON instances."""
        if self._runtime is None or self._files() != self._signature:
            self.load()
        runtime = self._runtime
        body = json.dumps({"instances": instances}).encode()
        with self._imports():
            from server.compat import Codec, ValidationError
            from server.context import InvocationContext
            from server.runtime import PredictionFailed

            codec: Codec = runtime.codec
            try:
                parsed = codec.request_json(body)
            except ValidationError as exc:
                raise ScaffoldError(f"The rows do not fit the project's Instance (model/instance.py): {exc}") from None
            future = asyncio.run_coroutine_threadsafe(
                runtime.predict(parsed, InvocationContext(), self.timeout_s), self._event_loop()
            )
            try:
                predictions = future.result()
            except PredictionFailed as exc:
                raise ScaffoldError(
                    f"The project's predictor failed on these rows: {exc} (error id {exc.error_id}; the traceback is in the log above)."
                ) from None
            return list(json.loads(codec.predictions_json(predictions)))

    def close(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop = None


def _missing(exc: ImportError) -> ScaffoldError:
    return ScaffoldError(
        f"predict_local imports the project's Instance, Prediction and predictor, and this Python lacks what they need ({exc}). "
        "Install pydantic 2 and pydantic-settings here (pip install 'stagemaker[local]', or pip install pydantic pydantic-settings), "
        "or use .build() and .run(), then .predict()."
    )
