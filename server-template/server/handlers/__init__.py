"""Handler projects: a SageMaker Inference Toolkit script (model_fn, input_fn, predict_fn,
output_fn or transform_fn) served with the framework containers' semantics instead of model/.
The server picks this mode when SAGEMAKER_PROGRAM is set, as SageMaker's script mode does."""

import os
from typing import Any, Mapping

from server.settings import Settings


def serving_runtime(settings: Settings, env: Mapping[str, str] = os.environ) -> Any:
    """The handler runtime when SAGEMAKER_PROGRAM is set, else the model/ package's."""
    from server.handlers.script import handler_mode

    if handler_mode(env):
        from server.handlers.runtime import HandlerRuntime

        return HandlerRuntime(settings, env)
    from server.runtime import ModelRuntime

    return ModelRuntime(settings=settings)


def hot_path_for(settings: Settings, runtime: Any) -> Any:
    from server.handlers.runtime import HandlerRuntime

    if isinstance(runtime, HandlerRuntime):
        from server.handlers.hot_path import HandlerHotPath

        return HandlerHotPath(settings, runtime)
    from server.invocations import HotPath

    return HotPath(settings, runtime)
