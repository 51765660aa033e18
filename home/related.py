"""Related content across parts, composed above them (hub/related.py says why):
"Linked wiki pages" on each question and "Questions about this" on each wiki page."""

from django.template.defaultfilters import pluralize
from django.urls import reverse

from hub.page_cache import kept_for
from hub.related import Link, Panel
from qa import selectors as qa_selectors
from wiki import selectors as wiki_selectors

LIMIT = 6


def _answers(count: int) -> str:
    return f"{count} answer{pluralize(count)}"


def question_panels(question, request) -> dict:
    """Wiki pages the question or its answers link to, then wiki pages sharing its tags. Two queries,
    kept until the next write (hub.page_cache)."""
    viewer = request.user if request else None
    return kept_for(viewer)("question-wiki-panels", lambda: _question_panels(question, viewer), question.pk)


def _question_panels(question, viewer) -> dict:
    linked = wiki_selectors.pages_linked_from([question.body, *qa_selectors.answer_texts(question)], viewer)
    tag_ids = [tag.pk for tag in question.tags.all()]
    sharing = wiki_selectors.pages_sharing_tags(tag_ids, LIMIT, exclude={page.pk for page in linked}, viewer=viewer)
    links = [Link(page.title, page.url, "linked") for page in linked] + [Link(page.title, page.url) for page in sharing]
    panel = Panel(
        "Linked wiki pages", links[:LIMIT], icon="book-open", empty="No wiki page is linked yet.", ident="wiki"
    )
    return {"related_panels": [panel]}


def wiki_page_panels(page, viewer) -> list[Panel]:
    """Questions linking to this wiki page, then questions sharing its tags, for any viewer. One
    query, which reads every question's text: kept with the page's sidebar
    (wiki.reading.add_sidebar_panels)."""
    tag_ids = [item.tag_id for item in wiki_selectors.tagged_items(page)]
    questions = qa_selectors.questions_about(page.title, page.slug, tag_ids, LIMIT)
    links = [Link(q.title, q.get_absolute_url(), _answers(q.answer_count)) for q in questions]
    ask = Link("Ask a question about this", reverse("qa:ask"))
    panel = Panel(
        "Questions about this", links, icon="message-square", empty="Nobody has asked about this yet.", more=ask,
        ident="questions",
    )  # fmt: skip
    return [panel]
