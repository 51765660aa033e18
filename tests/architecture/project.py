"""Facts about the project's own code that the architecture tests share: its parts and its layers."""

import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def first_party_apps() -> list[str]:
    """The hub's own Django apps: INSTALLED_APPS entries that are top-level folders of this repository."""
    return [app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app / "apps.py").exists()]


@cache
def import_linter_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def contract(contract_id: str) -> dict:
    return next(item for item in import_linter_config()["contracts"] if item["id"] == contract_id)


def layers() -> list[set[str]]:
    """The layers contract as sets of package names, top layer first (parentheses mark optional ones)."""
    return [
        {name.strip(" ()") for name in layer.replace(":", "|").split("|")} for layer in contract("layers")["layers"]
    ]


def layer_of(app: str) -> int | None:
    return next((number for number, names in enumerate(layers()) if app in names), None)


def may_use(user: str, used: str) -> bool:
    """A part may use itself and any part in a layer below its own; siblings never use each other."""
    if user == used:
        return True
    user_layer, used_layer = layer_of(user), layer_of(used)
    return user_layer is not None and used_layer is not None and used_layer > user_layer
