"""Every page type of the hub, in one list that the axe checks, layout checks and screenshots share.

Pages that show demo content look up a real example in the live server's database (read-only), so
the list follows whatever `load_demo` made instead of guessing slugs.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from tests.browser.support import HubServer


@dataclass(frozen=True)
class PageType:
    label: str
    name: str  # file-name friendly, for screenshots
    path: str | Callable[[HubServer], str]
    status: int = 200
    user: str | None = None  # log in as this demo account first
    main: bool = False  # one of the main page types: layout checks and the README's screenshots

    def resolve(self, server: HubServer) -> str:
        return self.path(server) if callable(self.path) else self.path


def query_one(server: HubServer, sql: str, params: tuple = ()) -> tuple:
    connection = sqlite3.connect(f"file:{server.var_dir / 'hub.sqlite3'}?mode=ro", uri=True)
    try:
        row = connection.execute(sql, params).fetchone()
    finally:
        connection.close()
    assert row is not None, f"the demo database has no row for: {sql} {params}"
    return row


def wagtail_page_path(server: HubServer, app_label: str, model: str) -> str:
    """The public path of the first live page of this type, in tree order."""
    (root,) = query_one(
        server,
        "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id "
        "WHERE s.is_default_site",
    )
    (url_path,) = query_one(
        server,
        "SELECT p.url_path FROM wagtailcore_page p JOIN django_content_type ct ON ct.id = p.content_type_id "
        "WHERE ct.app_label = ? AND ct.model = ? AND p.live ORDER BY p.path LIMIT 1",
        (app_label, model),
    )
    return "/" + url_path[len(root) :]


def article_path(server: HubServer) -> str:
    return wagtail_page_path(server, "wiki", "articlepage")


def debate_path(server: HubServer) -> str:
    return wagtail_page_path(server, "wiki", "debatepage")


def organiser_profile_path(server: HubServer) -> str:
    return wagtail_page_path(server, "profiles", "organiserprofilepage")


def host_profile_path(server: HubServer) -> str:
    return wagtail_page_path(server, "profiles", "hostprofilepage")


def question_path(server: HubServer) -> str:
    (pk,) = query_one(server, "SELECT id FROM qa_question ORDER BY id LIMIT 1")
    return f"/questions/{pk}/"


HUB_PAGES = [
    PageType("home", "home", "/", main=True),
    PageType("sign-up", "sign-up", "/accounts/signup/", main=True),
    PageType("log-in", "log-in", "/accounts/login/"),
    PageType("password reset", "password-reset", "/accounts/password/reset/"),
    PageType("accessibility statement", "accessibility", "/accessibility/"),
    PageType("about", "about", "/about/"),
    PageType("account page", "account", "/accounts/profile/", user="member-alice"),
    PageType("404 page", "error-404", "/no-such-page-here/", status=404),
    PageType("403 page", "error-403", "/__browser-test__/403/", status=403),
    PageType("429 page", "error-429", "/__browser-test__/429/", status=429),
    PageType("500 page", "error-500", "/__browser-test__/500/", status=500),
]
WIKI_PAGES = [
    PageType("wiki index", "wiki-index", "/wiki/", main=True),
    PageType("article", "wiki-article", article_path, main=True),
    PageType("debate", "wiki-debate", debate_path, main=True),
    PageType("history", "wiki-history", lambda server: article_path(server) + "history/"),
    PageType("diff", "wiki-diff", lambda server: article_path(server) + "history/diff/"),
    PageType("recent changes", "wiki-recent-changes", "/wiki/recent-changes/"),
]
PROFILE_PAGES = [
    PageType("profiles directory", "profiles", "/profiles/", main=True),
    PageType("organiser profile", "profile-organiser", organiser_profile_path, main=True),
    PageType("host profile", "profile-host", host_profile_path),
    PageType("blogs river", "profiles-blogs", "/profiles/blogs/"),
]
QA_PAGES = [
    PageType("questions list", "questions", "/questions/", main=True),
    PageType("question", "question", question_path, main=True),
    PageType("ask form", "ask", "/questions/ask/", user="member-alice"),
    PageType("member page", "member", "/members/member-alice/"),
]
SEARCH_PAGES = [
    PageType("search results", "search-results", "/search/?q=meeting", main=True),
]

ALL_PAGES = HUB_PAGES  # the other parts join as they land
