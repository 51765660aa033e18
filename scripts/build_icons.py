"""Rebuild the hub's icons from the lucide-static npm package (ISC licence).

    npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    .venv/bin/python scripts/build_icons.py package/icons

Writes hub/static/img/icons.svg (one <symbol> per icon, used as <svg><use href="...#name">) and
hub/static/img/editor/<name>.svg (the admin Markdown editor's toolbar, drawn by CSS masks).
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPRITE = [
    "bell", "book-open", "bookmark", "calendar", "check", "circle-check", "circle-help", "clock", "ear",
    "eye", "eye-off", "file-text", "flag", "git-compare", "hand-helping", "history", "house", "inbox", "info",
    "list", "log-in", "log-out", "mail", "map-pin", "message-square", "newspaper", "pencil", "plus", "rss",
    "scale", "search", "settings", "shield", "sparkles", "star", "tag", "thumbs-up", "user", "users", "x",
]  # fmt: skip
EDITOR = [
    "bold", "italic", "strikethrough", "heading", "code", "quote", "list", "list-ordered", "eraser", "link",
    "image", "table", "minus", "eye", "columns-2", "maximize", "circle-help", "undo", "redo",
]  # fmt: skip
# On each symbol: a <use> inherits from its own place in the page, not from the sprite's root.
STROKE = 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"'
HEADER = "<!-- Icons from Lucide (lucide-static 1.62.0), ISC licence: see hub/static/img/LICENSE-lucide.txt -->"


def inner(svg: str) -> str:
    body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
    return " ".join(line.strip() for line in body.strip().splitlines())


def main(source: Path) -> None:
    symbols = [
        f'<symbol id="{name}" viewBox="0 0 24 24" {STROKE}>{inner((source / f"{name}.svg").read_text())}</symbol>'
        for name in SPRITE
    ]
    sprite = f'{HEADER}\n<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    (ROOT / "hub/static/img/icons.svg").write_text(sprite)
    editor = ROOT / "hub/static/img/editor"
    editor.mkdir(parents=True, exist_ok=True)
    for name in EDITOR:
        paths = inner((source / f"{name}.svg").read_text())
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" {STROKE}>{paths}</svg>\n'
        (editor / f"{name}.svg").write_text(svg.replace("currentColor", "#000"))
    print(f"{len(SPRITE)} icons in the sprite, {len(EDITOR)} editor icons")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
