"""Tags come from taggit's shared vocabulary; making a new one needs the privilege."""

import re

from django.utils.text import slugify
from taggit.models import Tag

from qa import reputation
from qa.services.errors import NotAllowed, QaError

TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9 -]{0,48}[a-z0-9]$")


def parse(raw: str | list[str]) -> list[str]:
    names = raw if isinstance(raw, list) else re.split(r"[,\n]", raw or "")
    cleaned = []
    for name in names:
        name = " ".join(name.strip().lower().split())
        if name and name not in cleaned:
            cleaned.append(name)
    return cleaned


def find(name: str) -> Tag | None:
    """The shared tag for `name`: same name in any case, or the same slug ("door knocking" is "door-knocking")."""
    return Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=slugify(name)).first()


def resolve(user, raw: str | list[str]) -> list[Tag]:
    """The Tag rows for `raw`, creating new ones only for members with the privilege."""
    names = parse(raw)
    if not 1 <= len(names) <= 5:
        raise QaError("Add between one and five tags.", "tags")
    for name in names:
        if not TAG_PATTERN.match(name):
            raise QaError(f"“{name}” is not a valid tag: use 2 to 50 letters, digits, spaces or hyphens.", "tags")
    existing = {}
    for name in names:
        tag = find(name)
        if tag is not None:
            existing[name] = tag
    missing = [name for name in names if name not in existing]
    if missing and not reputation.has_privilege(user, reputation.CREATE_TAGS):
        threshold = reputation.privilege_threshold(reputation.CREATE_TAGS)
        raise NotAllowed(
            f"New tags need a feedback score of {threshold}: {', '.join(missing)} does not exist yet. "
            "Choose existing tags instead.",
            "tags",
        )
    for name in missing:
        existing[name] = Tag.objects.create(name=name)
    return [existing[name] for name in names]
