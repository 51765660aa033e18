class FetchError(Exception):
    """The feed could not be read (network, size, status, bad XML). The message is shown to the owner."""


class FetchRefused(FetchError):
    """The address is not one the hub will ever connect to (scheme, private or reserved address)."""
