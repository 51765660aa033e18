"""How the hub's search sees the wiki: articles, debates and documents (search/registry.py)."""

import html

from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtailmarkdown.utils import render_markdown

from hub import visibility
from search.registry import SearchAdapter, SearchDocument
from wiki import links
from wiki.models import ArticlePage, DebatePage


def plain_text(markdown: str) -> str:
    """Markdown as plain words: wiki links become their labels, markup goes."""
    text = links.LINK.sub(lambda match: (match.group(2) or match.group(1)).strip(), markdown or "")
    return " ".join(html.unescape(strip_tags(render_markdown(text))).split())


class WikiPageAdapter(SearchAdapter):
    def queryset(self):
        # The index holds only what everyone may see (docs/adr/0080): the same rule as the lists.
        pages = visibility.visible_pages(self.model.objects.all(), visibility.PUBLIC)
        return pages.select_related("category").prefetch_related("tagged_items__tag")

    def texts(self, page) -> list[str]:
        return [page.body]

    def summary(self, page) -> str:
        return page.summary

    def to_document(self, page) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            summary=plain_text(self.summary(page)),
            body=" ".join(plain_text(text) for text in self.texts(page) if text),
            url=page.url,
            published_at=page.first_published_at or page.latest_revision_created_at,
            tags=tuple(sorted(item.tag.name for item in page.tagged_items.all())),
            extra={"category": page.category.name if page.category else "", "summary": page.summary},
        )


class ArticleAdapter(WikiPageAdapter):
    kind = "article"
    label = "Article"
    label_plural = "Articles"
    model = ArticlePage


class DebateAdapter(WikiPageAdapter):
    kind = "debate"
    label = "Debate"
    label_plural = "Debates"
    model = DebatePage

    def queryset(self):
        return super().queryset().prefetch_related("positions")

    def summary(self, page) -> str:
        return f"{page.motion} {page.summary}".strip()

    def texts(self, page) -> list[str]:
        positions = [f"{position.heading}. {position.argument}" for position in page.positions.all()]
        return [page.body, *positions, page.standing]


class DocumentAdapter(SearchAdapter):
    kind = "document"
    label = "Document"
    label_plural = "Documents"

    @property
    def model(self):
        return get_document_model()

    def queryset(self):
        documents = visibility.visible_documents(get_document_model().objects.all(), visibility.PUBLIC)
        return documents.prefetch_related("tags")

    def to_document(self, document) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            object_id=document.pk,
            title=document.title,
            body="",  # a document is found by its title and tags; its file is not read
            url=document.url,
            published_at=document.created_at,
            tags=tuple(sorted(tag.name for tag in document.tags.all())),
        )


ADAPTERS = [ArticleAdapter(), DebateAdapter(), DocumentAdapter()]
