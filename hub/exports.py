"""A member's own data, for "Download my data" (the account page): everything they wrote and rated.

Parts never import each other, so each part registers an exporter here from its `AppConfig.ready()`:

    exports.register("qa.questions", selectors_or_exports.questions)

An exporter gets the member and returns JSON-ready data (lists of dicts, dates left to the encoder)
about that member only, loaded with a fixed number of queries however much they wrote. `for_user`
asks every part, in registration order, under the exporter's name.
"""

from collections.abc import Callable

from django.utils import timezone

Exporter = Callable[[object], object]
_exporters: dict[str, Exporter] = {}
FORMAT = "co-knowledge-hub member data, version 1"


def register(name: str, exporter: Exporter) -> Exporter:
    """Add or replace the exporter called `name` ("<app>.<what>", for example "qa.answers")."""
    _exporters[name] = exporter
    return exporter


def unregister(name: str) -> None:
    _exporters.pop(name, None)


def names() -> list[str]:
    return list(_exporters)


def for_user(user) -> dict:
    """Every part's data about `user`, under each exporter's name."""
    data = {"format": FORMAT, "exported_at": timezone.now(), "member": user.username}
    for name, exporter in _exporters.items():
        data[name] = exporter(user)
    return data
