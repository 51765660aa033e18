"""The one sanitising rule (hub/sanitise.py) for Markdown, feed items and comments."""

from django.template import Context, Template

from hub.markdown import render
from hub.sanitise import clean, clean_feed_html


def test_a_post_cannot_dress_as_the_sites_own_messages_or_skip_link():
    html = render(
        '<div class="message message--error">Your account is locked</div>\n\n'
        '<a class="skip-link button" href="https://evil.example/">Skip to content</a>\n\n'
        "## Plain heading {: .messages .visually-hidden }"
    )
    assert "class=" not in html
    assert "<div>Your account is locked</div>" in html
    assert '<a rel="nofollow ugc noopener" href="https://evil.example/">Skip to content</a>' in html


def test_the_classes_markdown_itself_produces_are_kept_and_no_others():
    html = render("```python\nx = 1\n```\n\nText[^1].\n\n[^1]: The note.")
    assert '<div class="codehilite">' in html
    assert 'class="footnote-ref"' in html and '<div class="footnote">' in html
    assert '<span class="k">' not in html and 'class="n"' not in html  # pygments' token classes go


def test_ids_are_prefixed_and_in_page_links_follow_them():
    html = render("## Plan {: #main-content }\n\nSee [the plan](#main-content) and the note[^a].\n\n[^a]: Here.")
    assert 'id="main-content"' not in html
    assert '<h2 id="user-content-main-content">Plan</h2>' in html
    assert 'href="#user-content-main-content"' in html
    assert 'id="user-content-fnref:a"' in html and 'href="#user-content-fn:a"' in html
    assert 'id="user-content-fn:a"' in html and 'href="#user-content-fnref:a"' in html


def test_every_link_is_marked_as_the_members_and_dangerous_ones_lose_their_address():
    html = render(
        "[out](https://example.org/) [in](/wiki/) [bad](javascript:alert(1)) "
        '<a href="https://x.example/" rel="me author" target="_blank">raw</a>'
    )
    assert html.count('rel="nofollow ugc noopener"') == 4
    assert "javascript" not in html and "target=" not in html and 'rel="me' not in html


def test_scripts_styles_and_handlers_are_gone():
    html = render(
        "<script>alert(1)</script><style>body{display:none}</style>"
        '<img src="x.png" onerror="alert(2)" style="position:fixed"><p onclick="alert(3)">hi</p>'
    )
    assert html.split() == ["<p><img", 'src="x.png">', "</p><p>hi</p>", "<p></p>"]


def test_feed_html_follows_the_same_rule_with_fewer_tags():
    html = clean_feed_html(
        '<p class="message" id="content">Hello <a href="https://blog.example/" class="button">post</a></p>'
        '<img src="https://tracker.example/p.gif"><h2>Title</h2>'
    )
    assert html == ('<p>Hello <a href="https://blog.example/" rel="nofollow ugc noopener">post</a></p>Title')


def test_feed_items_stored_under_an_older_rule_are_cleaned_again_when_shown():
    stored = '<p class="skip-link">Old <a href="https://a.example/" rel="noopener noreferrer nofollow ugc">x</a></p>'
    html = Template("{% load hub_tags %}{{ summary|feed_html }}").render(Context({"summary": stored}))
    assert html == '<p>Old <a href="https://a.example/" rel="nofollow ugc noopener">x</a></p>'


def test_class_names_are_checked_per_tag():
    link = '<a class="wiki-link" href="/x/">x</a>'
    assert clean(link) == '<a class="wiki-link" href="/x/" rel="nofollow ugc noopener">x</a>'
    assert clean('<p class="wiki-link codehilite">x</p>') == "<p>x</p>"
    assert clean('<div class="codehilite footnote codehilite">x</div>') == '<div class="codehilite footnote">x</div>'
