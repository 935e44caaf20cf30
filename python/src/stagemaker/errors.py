"""The one error the package raises: what happened, why, and what to do next."""

from __future__ import annotations


class ScaffoldError(Exception):
    """A step of scaffolding, building or serving that could not be done.

    `code` is the Stagemaker CLI's error code when the CLI refused (``invalid-input``,
    ``build-failed``, ``run-failed``...), else ``"scaffold"``; `detail` holds what it reported.
    """

    def __init__(self, message: str, *, code: str = "scaffold", detail: object = None) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail
