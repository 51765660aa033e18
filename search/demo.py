"""Demo content for this part of the hub (filled in as the part is built)."""

from hub.demo_support import DemoContext


def load(demo: DemoContext) -> None:
    demo.step("Nothing to add yet")
