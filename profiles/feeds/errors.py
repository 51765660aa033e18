class FetchError(Exception):
    """The feed could not be read (network, size, status, bad XML). The message is shown to the owner.

    `transient` says whether trying again later may help (the host is down, slow or answers 5xx).
    """

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient


class FetchRefused(FetchError):
    """The address is not one the hub will ever connect to (scheme, private or reserved address)."""
