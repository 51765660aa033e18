"""Rendered Markdown is kept per process by its text and the sanitiser's version (hub/markdown.py)."""

from hub import markdown


def test_the_same_text_is_rendered_once():
    markdown._to_html.cache_clear()
    first = markdown.render("Knock on **every** door in the street.")
    second = markdown.render("Knock on **every** door in the street.")
    info = markdown._to_html.cache_info()
    assert (first, str(second)) == ("<p>Knock on <strong>every</strong> door in the street.</p>", str(first))
    assert (info.misses, info.hits) == (1, 1)


def test_a_new_sanitiser_version_renders_again(monkeypatch):
    markdown._to_html.cache_clear()
    assert markdown.render("A [link](https://example.org)") == (
        '<p>A <a href="https://example.org" rel="nofollow ugc noopener">link</a></p>'
    )
    # A sanitiser that now refuses links: its version changes, and no kept HTML is served.
    monkeypatch.setattr(markdown, "clean", lambda html: html.replace("<a ", "<span ").replace("</a>", "</span>"))
    monkeypatch.setattr(markdown, "sanitiser_version", lambda: "a changed rule")
    assert markdown.render("A [link](https://example.org)") == '<p>A <span href="https://example.org">link</span></p>'


def test_the_version_follows_the_sanitisers_settings(settings):
    before = markdown.sanitiser_version()
    markdown.sanitiser_version.cache_clear()
    settings.WAGTAILMARKDOWN = {**settings.WAGTAILMARKDOWN, "allowed_tags": ["p"]}
    try:
        assert markdown.sanitiser_version() != before
    finally:
        markdown.sanitiser_version.cache_clear()
