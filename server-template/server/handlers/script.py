"""Finding and importing the handler script as SageMaker's framework containers do:
SAGEMAKER_PROGRAM (inference.py) in SAGEMAKER_SUBMIT_DIRECTORY (default /opt/ml/model/code, where
the SDK's repacked model.tar.gz puts code/), that folder first on sys.path so the script's own
helper modules import; then its functions, or the chosen container's defaults for the missing."""

import importlib
import inspect
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Mapping, Optional

from server.handlers.defaults import DEFAULTS, Defaults

HANDLER_NAMES = ("model_fn", "input_fn", "predict_fn", "output_fn", "transform_fn")


class ScriptProblem(Exception):
    """The handler script cannot be served as it is (what, why, what to do)."""


@dataclass(frozen=True)
class ScriptSettings:
    program: str
    submit_dir: str
    model_dir: str
    defaults: Defaults

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "ScriptSettings":
        base = env.get("SAGEMAKER_BASE_DIR") or "/opt/ml"
        model_dir = os.path.join(base, "model")
        submit = env.get("SAGEMAKER_SUBMIT_DIRECTORY") or os.path.join(model_dir, "code")
        if submit.startswith("file://"):
            submit = submit[len("file://") :]
        if "://" in submit:
            raise ScriptProblem(
                f"SAGEMAKER_SUBMIT_DIRECTORY is {submit}: this server does not download code. "
                "Put the script in the model data's code/ folder (the SageMaker SDK does so "
                "when it repacks a model with entry_point) and set "
                f"SAGEMAKER_SUBMIT_DIRECTORY={os.path.join(model_dir, 'code')}"
            )
        name = (env.get("STAGEMAKER_HANDLER_DEFAULTS") or "toolkit").strip().lower()
        if name not in DEFAULTS:
            raise ScriptProblem(
                f"STAGEMAKER_HANDLER_DEFAULTS={name!r} names no container this server knows; "
                f"use one of {', '.join(DEFAULTS)}"
            )
        program = (env.get("SAGEMAKER_PROGRAM") or "inference.py").strip()
        return cls(program, submit, model_dir, DEFAULTS[name])

    @property
    def module_name(self) -> str:
        name = self.program[:-3] if self.program.endswith(".py") else self.program
        return name.replace("/", ".")


def handler_mode(env: Mapping[str, str] = os.environ) -> bool:
    """A handler project sets SAGEMAKER_PROGRAM, as the SageMaker SDK does for script mode."""
    return bool((env.get("SAGEMAKER_PROGRAM") or "").strip())


def import_script(settings: ScriptSettings) -> ModuleType:
    folder = Path(settings.submit_dir)
    source = folder / (settings.module_name.replace(".", "/") + ".py")
    if not source.is_file():
        present = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        raise ScriptProblem(
            f"the handler script {source} does not exist (SAGEMAKER_PROGRAM="
            f"{settings.program}, SAGEMAKER_SUBMIT_DIRECTORY={settings.submit_dir}); "
            + (f"that folder holds: {', '.join(present)}. " if present else "")
            + "Put inference.py in the model data's code/ folder, or point SAGEMAKER_PROGRAM at "
            "your script"
        )
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    return importlib.import_module(settings.module_name)


@dataclass(frozen=True)
class Handlers:
    model_fn: Callable[..., Any]
    input_fn: Callable[..., Any]
    predict_fn: Callable[..., Any]
    output_fn: Callable[..., Any]
    transform_fn: Optional[Callable[..., Any]]
    own: tuple  # the names the script defines itself


def handlers_of(module: ModuleType, defaults: Defaults) -> Handlers:
    found = {n: getattr(module, n) for n in HANDLER_NAMES if callable(getattr(module, n, None))}
    if "transform_fn" in found and {"input_fn", "predict_fn", "output_fn"} & set(found):
        raise ScriptProblem(
            "the script defines transform_fn together with input_fn, predict_fn or output_fn, "
            "which SageMaker refuses; keep transform_fn alone, or the other three"
        )
    return Handlers(
        model_fn=found.get("model_fn", defaults.model_fn),
        input_fn=found.get("input_fn", defaults.input_fn),
        predict_fn=found.get("predict_fn", defaults.predict_fn),
        output_fn=found.get("output_fn", defaults.output_fn),
        transform_fn=found.get("transform_fn"),
        own=tuple(sorted(found)),
    )


def call_toolkit_style(fn: Callable[..., Any], context: Any, *args: Any) -> Any:
    """The Inference Toolkit's rule: a function with one parameter more than the call's
    arguments also gets the context; any other count is an error."""
    params = inspect.signature(fn).parameters.values()
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return fn(*args)  # our own defaults take whatever they are given
    count = len(params)
    if count == len(args):
        return fn(*args)
    if count == len(args) + 1:
        return fn(*args, context)
    raise TypeError(f"{fn.__name__} takes {count} arguments but {len(args)} were given.")
