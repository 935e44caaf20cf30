"""The template's app for gunicorn's UvicornWorker (the alternative workers.sh measures)."""

from server.app import create_app
from server.runtime import ModelRuntime
from server.settings import Settings

settings = Settings.from_env()
runtime = ModelRuntime(settings=settings)
runtime.start()
app = create_app(settings, runtime)
