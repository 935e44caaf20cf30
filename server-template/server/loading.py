"""What /ping reads of a runtime, the model's or a handler script's: loading, ready, or failed
with the reason (the traceback in the log)."""

import logging
import traceback


class Loading:
    state = "loading"
    reason = "loading"

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def loaded(self) -> None:
        self.state = "ready"
        self.reason = "ready"

    def failed(self, log: logging.Logger, what: str, exc: BaseException) -> None:
        """In the except block of the load: `what` (the predictor, the handler script) failed."""
        reason = f"{what} failed to load: {type(exc).__name__}: {exc}"
        # The traceback is logged before /ping says "failed": whoever sees one finds the other.
        log.error("%s\n%s", reason, traceback.format_exc())
        self.reason = reason
        self.state = "failed"
