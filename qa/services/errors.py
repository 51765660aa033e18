class QaError(Exception):
    """A rule refused the action. The message is plain language for the member."""

    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field  # the form field the message belongs to, if any


class NotAllowed(QaError):
    status = 403


class RateLimited(QaError):
    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
