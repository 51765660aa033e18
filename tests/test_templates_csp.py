"""Every template of the hub is safe to serve under a strict Content Security Policy."""

import re

from tests.architecture.project import ROOT, first_party_apps

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


def templates():
    for app in first_party_apps():
        yield from sorted((ROOT / app / "templates").rglob("*.html"))
        yield from sorted((ROOT / app / "templates").rglob("*.txt"))


def test_there_are_templates_to_check():
    assert len(list(templates())) >= 10


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for path in templates():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, EVENT_HANDLER, STYLE_ELEMENT):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    assert offenders == []
