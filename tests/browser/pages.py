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


def query_all(server: HubServer, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the live server's SQLite database (read-only: the server owns it)."""
    connection = sqlite3.connect(f"file:{server.var_dir / 'hub.sqlite3'}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def query_one(server: HubServer, sql: str, params: tuple = ()) -> tuple:
    rows = query_all(server, sql, params)
    assert rows, f"the demo database has no row for: {sql} {params}"
    return rows[0]


def page_path_by_id(server: HubServer, page_id: int) -> str:
    (root,) = query_one(
        server,
        "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id "
        "WHERE s.is_default_site",
    )
    (url_path,) = query_one(server, "SELECT url_path FROM wagtailcore_page WHERE id = ?", (page_id,))
    return "/" + url_path[len(root) :]


def first_page_id(server: HubServer, app_label: str, model: str) -> int:
    """The first live page of this type, in tree order."""
    (page_id,) = query_one(
        server,
        "SELECT p.id FROM wagtailcore_page p JOIN django_content_type ct ON ct.id = p.content_type_id "
        "WHERE ct.app_label = ? AND ct.model = ? AND p.live ORDER BY p.path LIMIT 1",
        (app_label, model),
    )
    return page_id


def article_id(server: HubServer) -> int:
    """The article with the most saved versions, so its history has something to compare."""
    (page_id,) = query_one(
        server,
        "SELECT p.id FROM wagtailcore_page p JOIN wiki_articlepage a ON a.wikipage_ptr_id = p.id WHERE p.live "
        "ORDER BY (SELECT COUNT(*) FROM wagtailcore_revision r WHERE r.object_id = CAST(p.id AS TEXT)) DESC, p.path "
        "LIMIT 1",
    )
    return page_id


def newest_revision_ids(server: HubServer, page_id: int, count: int = 2) -> list[int]:
    """The newest published revisions: the public history and its diffs show no drafts."""
    rows = query_all(
        server,
        "SELECT r.id FROM wagtailcore_revision r WHERE r.object_id = ? AND r.id IN "
        "(SELECT revision_id FROM wagtailcore_pagelogentry WHERE page_id = ? AND action = 'wagtail.publish') "
        "ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
        (str(page_id), page_id, count),
    )
    return [row[0] for row in rows]


def article_path(server: HubServer) -> str:
    return page_path_by_id(server, article_id(server))


def diff_path(server: HubServer) -> str:
    """The article's diff between its two newest versions, as the history form asks for it."""
    page_id = article_id(server)
    newest = newest_revision_ids(server, page_id)
    assert len(newest) == 2, f"the demo article {page_id} needs two versions to compare, has {len(newest)}"
    return f"{page_path_by_id(server, page_id)}history/diff/?from={newest[1]}&to={newest[0]}"


def debate_path(server: HubServer) -> str:
    return page_path_by_id(server, first_page_id(server, "wiki", "debatepage"))


def organiser_profile_path(server: HubServer) -> str:
    return page_path_by_id(server, first_page_id(server, "profiles", "organiserprofilepage"))


def host_profile_path(server: HubServer) -> str:
    return page_path_by_id(server, first_page_id(server, "profiles", "hostprofilepage"))


def wiki_category_path(server: HubServer) -> str:
    (slug,) = query_one(server, "SELECT slug FROM wiki_wikicategory ORDER BY sort_order, name LIMIT 1")
    return f"/wiki/category/{slug}/"


def wiki_tag_path(server: HubServer) -> str:
    (slug,) = query_one(
        server,
        "SELECT t.slug FROM taggit_tag t JOIN wiki_wikipagetag w ON w.tag_id = t.id "
        "GROUP BY t.id ORDER BY COUNT(*) DESC, t.slug LIMIT 1",
    )
    return f"/wiki/tag/{slug}/"


def question_tag_path(server: HubServer) -> str:
    (slug,) = query_one(
        server,
        "SELECT t.slug FROM taggit_tag t JOIN qa_taggedquestion q ON q.tag_id = t.id "
        "GROUP BY t.id ORDER BY COUNT(*) DESC, t.slug LIMIT 1",
    )
    return f"/questions/tagged/{slug}/"


def question_history_path(server: HubServer) -> str:
    (pk,) = query_one(server, "SELECT id FROM qa_question ORDER BY id LIMIT 1")
    return f"/questions/question/{pk}/history/"


def question_path(server: HubServer) -> str:
    (pk,) = query_one(server, "SELECT id FROM qa_question ORDER BY id LIMIT 1")
    return f"/questions/{pk}/"


def version_path(server: HubServer) -> str:
    """An earlier published version of the article, as a reader opens it from the history."""
    page_id = article_id(server)
    (revision_id,) = query_one(
        server,
        "SELECT revision_id FROM wagtailcore_pagelogentry WHERE page_id = ? AND action = 'wagtail.publish' "
        "ORDER BY timestamp LIMIT 1",
        (page_id,),
    )
    return f"{page_path_by_id(server, page_id)}history/{revision_id}/"


def shared_tag_path(server: HubServer) -> str:
    """A tag with both wiki pages and questions, on its one page."""
    (slug,) = query_one(
        server,
        "SELECT t.slug FROM taggit_tag t WHERE EXISTS (SELECT 1 FROM wiki_wikipagetag w WHERE w.tag_id = t.id) "
        "AND EXISTS (SELECT 1 FROM qa_taggedquestion q WHERE q.tag_id = t.id) ORDER BY t.slug LIMIT 1",
    )
    return f"/tags/{slug}/"


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
    PageType("inbox", "inbox", "/inbox/", user="member-alice"),
    PageType("following", "following", "/following/", user="member-alice"),
    PageType("welcome", "welcome", "/welcome/", user="member-alice"),
    PageType("easy read guide", "easy-read", "/easy-read/", main=True),
    PageType("contact", "contact", "/contact/"),
    PageType("markdown help", "markdown-help", "/help/markdown/"),
    PageType("reputation help", "reputation-help", "/help/reputation/"),
    PageType("tags index", "tags", "/tags/"),
    PageType("tag page", "tag", shared_tag_path, main=True),
    PageType("API reference", "api-reference", "/api/"),
]
WIKI_PAGES = [
    PageType("wiki index", "wiki-index", "/wiki/", main=True),
    PageType("article", "wiki-article", article_path, main=True),
    PageType("debate", "wiki-debate", debate_path, main=True),
    PageType("history", "wiki-history", lambda server: article_path(server) + "history/"),
    PageType("diff", "wiki-diff", diff_path),
    PageType("recent changes", "wiki-recent-changes", "/wiki/recent-changes/"),
    PageType("wiki category", "wiki-category", wiki_category_path),
    PageType("wiki tag", "wiki-tag", wiki_tag_path),
    PageType("wiki documents", "wiki-documents", "/wiki/documents/"),
    PageType("debates", "wiki-debates", "/wiki/debates/"),
    PageType("wiki A to Z", "wiki-a-to-z", "/wiki/a-z/"),
    PageType("old version", "wiki-version", version_path),
]
PROFILE_PAGES = [
    PageType("profiles directory", "profiles", "/profiles/", main=True),
    PageType("organiser profile", "profile-organiser", organiser_profile_path, main=True),
    PageType("host profile", "profile-host", host_profile_path),
    PageType("blogs river", "profiles-blogs", "/profiles/blogs/"),
    PageType("profile edit form", "profile-edit", "/profiles/me/", user="host-riverside"),
]
QA_PAGES = [
    PageType("questions list", "questions", "/questions/", main=True),
    PageType("question", "question", question_path, main=True),
    PageType("ask form", "ask", "/questions/ask/", user="member-alice"),
    PageType("member page", "member", "/members/member-alice/"),
    PageType("questions with a tag", "questions-tagged", question_tag_path),
    PageType("question history", "question-history", question_history_path),
]
SEARCH_PAGES = [
    PageType("search results", "search-results", "/search/?q=meeting", main=True),
]


def reflection_path(server: HubServer, visibility: str = "public") -> str:
    """The demo's first reflection at this privacy level."""
    (pk,) = query_one(
        server, "SELECT id FROM pathway_reflection WHERE visibility = ? ORDER BY id LIMIT 1", (visibility,)
    )
    return f"/pathway/reflections/{pk}/"


def reflection_history_path(server: HubServer) -> str:
    """Chloe's graduation reflection: public, and its history is hers to read."""
    (pk,) = query_one(
        server,
        "SELECT r.id FROM pathway_reflection r JOIN pathway_enrolment e ON e.id = r.enrolment_id "
        "JOIN hub_user u ON u.id = e.user_id JOIN pathway_stage s ON s.id = r.stage_id "
        "WHERE u.username = 'chloe' AND s.slug = 'graduation'",
    )
    return f"/pathway/reflections/{pk}/history/"


def cohort_path(server: HubServer, name: str = "Pennines cohort") -> str:
    (pk,) = query_one(server, "SELECT id FROM pathway_cohort WHERE name = ?", (name,))
    return f"/pathway/cohorts/{pk}/"


def session_path(server: HubServer) -> str:
    (pk,) = query_one(
        server,
        "SELECT t.id FROM pathway_trainingsession t JOIN pathway_cohort c ON c.id = t.cohort_id "
        "WHERE c.name = 'Pennines cohort' ORDER BY t.starts_at LIMIT 1",
    )
    return f"/pathway/sessions/{pk}/"


PATHWAY_PAGES = [
    PageType("pathway overview", "pathway", "/pathway/", main=True),
    PageType("organiser's pathway record", "pathway-mine", "/pathway/me/", user="isaac", main=True),
    PageType("record a stage", "pathway-record-stage", "/pathway/me/stages/visits/", user="isaac"),
    PageType("write a reflection", "pathway-reflection-form", "/pathway/me/reflections/e4/", user="nadia"),
    PageType("record a visit", "pathway-visit-form", "/pathway/me/visits/add/", user="isaac"),
    PageType("public reflection", "pathway-reflection", reflection_path),
    PageType("reflection history", "pathway-reflection-history", reflection_history_path, user="chloe"),
    PageType("trainer's cohorts", "pathway-cohorts", "/pathway/cohorts/", user="priya"),
    PageType("cohort view", "pathway-cohort", cohort_path, user="priya", main=True),
    PageType("training session", "pathway-session", session_path, user="priya"),
    PageType(
        "plan a session", "pathway-new-session", lambda server: cohort_path(server) + "sessions/new/", user="priya"
    ),
    PageType("start a cohort", "pathway-new-cohort", "/pathway/cohorts/new/", user="priya"),
    PageType("co-trainers", "pathway-co-trainers", "/pathway/co-trainers/"),
    PageType("map of hosts and projects", "profiles-map", "/profiles/map/", main=True),
]
EVENT_PAGES = [
    PageType("events calendar", "events", "/events/", main=True),
    PageType("Action Camp", "event-action-camp", "/events/action-camp/", main=True),
    PageType("event registration form", "event-register", "/events/action-camp/register/", user="member-kate"),
    PageType("own registrations", "events-mine", "/events/mine/", user="amara"),
    PageType("event registrations list", "event-registrations", "/events/action-camp/registrations/", user="victor"),
]

ALL_PAGES = HUB_PAGES + WIKI_PAGES + PROFILE_PAGES + QA_PAGES + SEARCH_PAGES + PATHWAY_PAGES + EVENT_PAGES
