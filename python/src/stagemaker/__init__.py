"""Stagemaker from a notebook: `scaffold(model, "dir", sample=X[:5])` packages an in-memory model
as a Stagemaker project (a SageMaker-compatible model server) with the environment it was
trained in; the returned Project builds, runs, predicts (in the container or in-process) and
tests it."""

from .errors import ScaffoldError
from .project import Project, TestReport
from .scaffold import __version__, scaffold

__all__ = ["scaffold", "Project", "TestReport", "ScaffoldError", "__version__"]
