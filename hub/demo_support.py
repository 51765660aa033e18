"""Shared pieces for the demo loaders that `manage.py load_demo` runs in order.

Each part of the hub has a `demo.py` with `load(demo: DemoContext) -> None`. Loaders must be
idempotent: they look for what they made before and leave it alone.
"""

import random
import sys
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "organise-together"  # noqa: S105 - printed for the local demo only


@dataclass
class DemoContext:
    out: TextIO = sys.stdout
    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311 - demo data only

    def step(self, message: str) -> None:
        self.out.write(f"  {message}\n")
        self.out.flush()

    def progress(self, label: str, done: int, total: int) -> None:
        """About ten lines per long step (every tenth of the way, and when done): readable in a log too."""
        step = max(1, total // 10)
        if done == total or done % step == 0:
            self.out.write(f"  {label}: {done}/{total}\n")
            self.out.flush()

    def user(self, username: str):
        return get_user_model().objects.get(username=username)
