"""A model Stagemaker cannot serve (yet): what, why, and what the person can do about it."""

from typing import Dict


class Refusal(Exception):
    """Raised by an adapter instead of serving something else than the model."""

    def __init__(self, message: str, why: str, todo: str) -> None:
        super().__init__(f"{message} {why} {todo}")
        self.message = message
        self.why = why
        self.todo = todo

    def as_json(self) -> Dict[str, str]:
        return {"message": self.message, "why": self.why, "todo": self.todo}
