"""Save a screenshot of every page type at 390 px (a phone) and 1280 px (a laptop) wide.

`make screenshots` runs this. It starts the same demo hub the browser tests use (a fresh SQLite
database in a temporary folder, gunicorn on 127.0.0.1) and writes PNG files to docs/screenshots/,
named <page type>-<width>.png. Pages are cut at three screens' height and reduced to 256 colours
so the committed set stays small.

    python scripts/screenshots.py            # every page type
    python scripts/screenshots.py --main     # only the main ones the README shows
    python scripts/screenshots.py --only events,profiles-map   # only these page types
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.browser.settings")

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.pages import ALL_PAGES, PageType  # noqa: E402
from tests.browser.server import launch_hub, stop_server  # noqa: E402
from tests.browser.support import AXE_SCRIPT, CHROMIUM, launch_chromium, log_in  # noqa: E402

OUT_DIR = ROOT / "docs" / "screenshots"
WIDTHS = {390: 844, 1280: 800}  # width: the height of one screen
SCREENS = 3


def shrink(path: Path) -> None:
    """256 colours: a web page loses nothing you can see, and the file is about a third."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def capture(browser, server, page_type: PageType, width: int, height: int) -> Path:
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server.base_url)
    try:
        page = context.new_page()
        page.watch = _NoWatch()
        if page_type.user:
            log_in(page, server, page_type.user)
        page.goto(server.url(page_type.resolve(server)))
        page.wait_for_load_state("networkidle")
        full_height = page.evaluate("() => document.documentElement.scrollHeight")
        path = OUT_DIR / f"{page_type.name}-{width}.png"
        page.screenshot(path=path, clip={"x": 0, "y": 0, "width": width, "height": min(full_height, height * SCREENS)})
    finally:
        context.close()
    shrink(path)
    return path


class _NoWatch:
    """log_in() visits through the tests' helper, which expects a watcher; screenshots ignore errors."""

    def allow_status_url(self, url: str) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--main", action="store_true", help="only the main page types")
    parser.add_argument("--only", default="", help="only these page types, by file name, comma-separated")
    options = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"Chromium is not at {CHROMIUM}. Install it with: apt-get install chromium (or set HUB_CHROMIUM).")
        return 1
    if not AXE_SCRIPT.parent.exists():
        print("Note: node_modules is missing; screenshots do not need it, the browser tests do (npm ci).")
    page_types = [page_type for page_type in ALL_PAGES if page_type.main or not options.main]
    if options.only:
        wanted = set(options.only.split(","))
        page_types = [page_type for page_type in page_types if page_type.name in wanted]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    print("Starting a demo hub (migrate and load_demo take about half a minute)...", flush=True)
    with tempfile.TemporaryDirectory(prefix="cohub-screenshots-") as var_dir:
        process, server = launch_hub(Path(var_dir))
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for number, page_type in enumerate(page_types, start=1):
                    for width, height in WIDTHS.items():
                        path = capture(browser, server, page_type, width, height)
                        print(f"  [{number}/{len(page_types)}] {path.relative_to(ROOT)}", flush=True)
                browser.close()
        finally:
            stop_server(process)
    print(f"Saved {len(page_types) * len(WIDTHS)} screenshots in {OUT_DIR.relative_to(ROOT)}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
