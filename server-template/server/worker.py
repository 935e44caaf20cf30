"""One server process: loads the model and serves HTTP on the socket `serve` handed it."""

import inspect
import logging
import os
import socket
import sys
from pathlib import Path

import uvicorn

from server.app import create_app
from server.handlers import serving_runtime
from server.settings import Settings


def _has(module: str) -> bool:
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def main() -> None:
    fd = int(sys.argv[1])
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s",
        stream=sys.stderr,
    )
    version_file = Path(__file__).resolve().parent.parent / "VERSION"
    version = version_file.read_text().strip() if version_file.exists() else "0"
    runtime = serving_runtime(settings)
    runtime.start()
    app = create_app(settings, runtime, version)
    options = dict(
        # Measured fastest (README, "Performance"); STAGEMAKER_LOOP / STAGEMAKER_HTTP override.
        loop=os.environ.get("STAGEMAKER_LOOP") or ("uvloop" if _has("uvloop") else "asyncio"),
        http=os.environ.get("STAGEMAKER_HTTP") or ("httptools" if _has("httptools") else "h11"),
        lifespan="off",
        access_log=os.environ.get("STAGEMAKER_ACCESS_LOG", "").lower() in ("1", "true"),
        log_level=settings.log_level.lower(),
        log_config=None,  # our logging format, set above
        timeout_keep_alive=75,
    )
    if "timeout_graceful_shutdown" in inspect.signature(uvicorn.Config).parameters:
        options["timeout_graceful_shutdown"] = 8
    config = uvicorn.Config(app, **options)  # type: ignore[arg-type]
    sock = socket.socket(fileno=fd)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
