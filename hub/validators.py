"""Web addresses members type (profile links, websites, feed addresses): http or https, with a
site name, and no user name or password in them. One rule, with a plain message for each fault."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

EXAMPLE = "for example https://example.org/"
_URL = URLValidator(schemes=["http", "https"])


def web_address_error(value: str) -> str | None:
    """What is wrong with `value` as a web address a member gave, in plain words; None when it is fine."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it is what raises for a port that is not a number
    except ValueError:
        return f"This is not a web address we can read: check it, {EXAMPLE}"
    scheme = parts.scheme.lower()
    if not scheme:
        return f"Start the address with https:// (or http://), {EXAMPLE}"
    if scheme not in ("http", "https"):
        return f"Only web addresses starting with https:// or http:// are accepted, not {scheme}:."
    if parts.username is not None or parts.password is not None:
        return "Leave out the user name and password: everyone who sees the address would see them."
    if not parts.hostname:
        return f"The address needs a site name after {scheme}://, {EXAMPLE}"
    try:
        _URL(value)
    except ValidationError:
        return f"This is not a web address we can read: check it, {EXAMPLE}"
    return None


def is_web_address(value: str) -> bool:
    return web_address_error(value) is None


def validate_web_address(value: str) -> None:
    error = web_address_error(value)
    if error:
        raise ValidationError(error, code="web_address")


class WebAddressField(forms.URLField):
    """A URL form field that checks what was typed before Django's field adds a missing scheme
    (which would turn `//host` or `host` into `http://host` without asking)."""

    def to_python(self, value):
        value = (value or "").strip()
        if value:
            validate_web_address(value)
        return super().to_python(value)
