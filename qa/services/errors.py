class QaError(Exception):
    """A rule refused the action. The message is plain language for the member."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(QaError):
    status = 403


class RateLimited(QaError):
    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
