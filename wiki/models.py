"""The wiki's pages and the small tables around them (links, watches).

Articles and debates share one concrete base, `WikiPage`, so that lists across the whole wiki
(recent changes, categories, tags, backlinks, the home page panels) are one query on one table.
See docs/adr/0010-wiki-page-model.md.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Count
from django.db.models.functions import Lower
from django.shortcuts import redirect
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from hub.markdown import normalise_newlines
from hub.notifications import FREQUENCY_CHOICES, IMMEDIATE
from hub.page_context import PageContextMixin
from hub.paging import page_address
from wiki.forms import WikiPageForm
from wiki.history import PageHistoryMixin
from wiki.panels import WikiTitlePanel


class WikiCategory(models.Model):
    """A top-level grouping of the wiki (Practice guides, Thinkers, ...). Editors add more in the admin."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "wiki categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("wiki:category", args=[self.slug])


class WikiPageTag(TaggedItemBase):
    content_object = ParentalKey("wiki.WikiPage", on_delete=models.CASCADE, related_name="tagged_items")


class WikiPage(PageContextMixin, PageHistoryMixin, Page):
    """What articles and debates have in common: a summary, a Markdown body, a category and tags."""

    summary = models.CharField(max_length=300, help_text="One or two plain sentences shown in lists.")
    body = MarkdownField(blank=True, help_text="Markdown. Link to other wiki pages with [[Page title]].")
    category = models.ForeignKey(WikiCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="pages")
    tags = ClusterTaggableManager(through=WikiPageTag, blank=True)
    edit_summary = models.CharField(
        max_length=255,
        blank=True,
        verbose_name="What did you change?",
        help_text="A short note for the page history, for example 'Added a section on door knocking'.",
    )

    base_form_class = WikiPageForm
    # Read with the page when it is served (hub/routing.py): its category, and the live version with
    # its author for the sidebar's "Last edited by".
    served_with = ("category", "live_revision__user")

    @classmethod
    def served_annotations(cls, user) -> dict:
        """Read with the page when it is served (hub/routing.py): how often the signed-in member
        watches it, for the sidebar (wiki.selectors.watch_state), instead of a query of its own."""
        if not user.is_authenticated:
            return {}
        watch = PageWatch.objects.filter(page_id=models.OuterRef("pk"), user_id=user.pk)
        return {"hub_watch_frequency": models.Subquery(watch.values("frequency")[:1])}

    # Only the concrete kinds (articles, debates) are created; this table holds what they share. They
    # live straight under the wiki's index, have no children, and use wiki/<kind>_page.html.
    is_creatable = False
    parent_page_types = ["wiki.WikiIndexPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    def markdown_sources(self) -> list[str]:
        """Every Markdown text on the page, for the wiki link table."""
        return [self.body]

    def clean(self):
        # Browsers send a textarea's line breaks as CRLF; the stored Markdown keeps LF only, so a
        # first edit from the admin does not change every line (and every diff stays about words).
        super().clean()
        self.body = normalise_newlines(self.body)

    def title_clashes(self, title: str) -> bool:
        """True when another wiki page has this title, in any case: `[[Page title]]` links resolve by title."""
        clash = WikiPage.objects.annotate(lower_title=Lower("title")).filter(lower_title=title.lower())
        if self.pk:
            clash = clash.exclude(pk=self.pk)
        return clash.exists()


class WikiIndexPage(PageContextMixin, Page):
    """The wiki's front page at /wiki/: categories, newest and recently changed pages, tags."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # One wiki, straight under the home page; articles and debates live directly beneath it so
    # titles and slugs stay unique across the wiki (wiki links resolve by either).
    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.ArticlePage", "wiki.DebatePage"]
    max_count = 1


class ArticlePage(WikiPage):
    """A wiki article: practice guides, thinkers, projects, the training pathway."""

    content_panels = [
        WikiTitlePanel("title"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading="Where it belongs"),
        InlinePanel("related_documents", label="Related documents"),
        InlinePanel("related_pages", label="Related pages"),
        FieldPanel("edit_summary"),
    ]
    # Its documents and related pages are shown by wiki/reading.py (wiki.selectors.article_attachments).


class ArticleDocument(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class ArticleRelatedPage(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(WikiPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("target")]


class DebatePage(WikiPage):
    """A debate on the philosophy of organising: a motion, positions, a summary, a discussion."""

    motion = models.CharField(max_length=255, help_text="The statement being debated, in one sentence.")
    standing = MarkdownField(
        blank=True,
        verbose_name="Where the debate stands",
        help_text="Markdown. Keep this up to date as the discussion moves on.",
    )

    content_panels = [
        WikiTitlePanel("title"),
        FieldPanel("motion"),
        FieldPanel("summary"),
        FieldPanel("body", heading="Opening statement"),
        InlinePanel("positions", label="Positions"),
        FieldPanel("standing"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("tags")], heading="Where it belongs"),
        FieldPanel("edit_summary"),
    ]
    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("motion"),
        index.SearchField("standing"),
        index.RelatedFields("positions", [index.SearchField("argument"), index.SearchField("heading")]),
    ]

    def markdown_sources(self) -> list[str]:
        return [self.body, self.standing, *(position.argument for position in self.positions.all())]

    def clean(self):
        super().clean()
        self.standing = normalise_newlines(self.standing)
        for position in self.positions.all():
            position.argument = normalise_newlines(position.argument)

    def serve(self, request, *args, **kwargs):
        # django-comments sends the member back with ?c=<new comment id>: land at that comment, on
        # the page of the discussion that shows it.
        comment_id = request.GET.get("c", "")
        if request.method == "GET" and comment_id.isdigit():
            return redirect(self.comment_url(int(comment_id)))
        return super().serve(request, *args, **kwargs)

    def public_comments(self):
        """The discussion's public comments (wiki/debates.py shows them a page of threads at a time)."""
        content_type = ContentType.objects.get_for_model(self)
        return XtdComment.objects.filter(content_type=content_type, object_pk=str(self.pk), is_public=True)

    def placed_threads(self) -> tuple[str, list]:
        """SQL (and its parameters) of the discussion's public threads placed on pages: one row per
        thread with `thread_id`, `thread_no` (1 for the oldest) and `page_no`. Threads are never
        split. A page holds the threads that start within the same run of
        WIKI_DISCUSSION_COMMENTS_PER_PAGE comments, oldest first (about that many comments a page;
        more when one thread alone is longer), and at most WIKI_DISCUSSION_THREADS_PER_PAGE threads:
        each limit cuts the order into windows, a page starts where either window changes, and
        DENSE_RANK numbers the pages without gaps (docs/adr/0112)."""
        sizes = self.public_comments().order_by().values("thread_id").annotate(n=Count("pk"))
        sql, params = sizes.query.sql_with_params()
        numbered = (
            "SELECT thread_id, ROW_NUMBER() OVER (ORDER BY thread_id) AS thread_no,"  # noqa: S608 - the ORM's SQL, values as parameters
            f" CAST(SUM(n) OVER (ORDER BY thread_id) - n AS BIGINT) AS comments_before FROM ({sql}) sizes"
        )
        placed = (
            "SELECT thread_id, thread_no, DENSE_RANK() OVER (ORDER BY (thread_no - 1) / %s, comments_before / %s)"  # noqa: S608
            f" AS page_no FROM ({numbered}) numbered"
        )
        limits = [settings.WIKI_DISCUSSION_THREADS_PER_PAGE, settings.WIKI_DISCUSSION_COMMENTS_PER_PAGE]
        return placed, [*limits, *params]

    def discussion_page_of(self, comment_id: int, thread_id: int | None = None) -> int:
        """The page of the discussion that shows the comment: its thread's page as
        `placed_threads` places them. One query (its thread read in it when not given);
        1 for a comment that is not there."""
        placed, params = self.placed_threads()
        if thread_id is None:
            thread = XtdComment.objects.filter(pk=comment_id).values("thread_id")[:1]
            thread_sql, thread_params = thread.query.sql_with_params()
        else:
            thread_sql, thread_params = "SELECT %s", [thread_id]
        sql = f"SELECT page_no FROM ({placed}) placed WHERE thread_id = ({thread_sql})"  # noqa: S608 - the ORM's SQL, values as parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *thread_params])
            found = cursor.fetchone()
        return int(found[0]) if found else 1

    def comment_url(self, comment_id: int, thread_id: int | None = None) -> str:
        """The address of a comment of this debate: the page of the discussion it is on, at its anchor."""
        number = self.discussion_page_of(comment_id, thread_id)
        return f"{page_address(self.url, number)}#c{comment_id}"


class DebatePosition(Orderable):
    FOR = "for"
    AGAINST = "against"
    OTHER = "other"
    STANCES = [(FOR, "For the motion"), (AGAINST, "Against the motion"), (OTHER, "Another view")]

    page = ParentalKey(DebatePage, on_delete=models.CASCADE, related_name="positions")
    stance = models.CharField(max_length=10, choices=STANCES)
    heading = models.CharField(max_length=200)
    argument = MarkdownField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("stance"), FieldPanel("heading"), FieldPanel("argument"), FieldPanel("author")]


class WikiLink(models.Model):
    """One `[[target]]` written on a live page. The target is stored as text (lower-cased), not as a
    foreign key, so renaming, moving or deleting the target can never leave a stale row:
    "what links here" matches the target's current title and slug at read time (ADR 0011)."""

    source = models.ForeignKey(WikiPage, on_delete=models.CASCADE, related_name="outgoing_links")
    target_key = models.CharField(max_length=255, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target_key"], name="wiki_link_unique")]

    def __str__(self) -> str:
        return f"{self.source_id} -> [[{self.target_key}]]"


class Watch(models.Model):
    """A member watching part of the wiki, emailed at once or in the daily digest when it changes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_%(class)ses")
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)
    watched = ""  # the name of the foreign key to what is watched

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.watched} {self.serializable_value(self.watched)}"


class PageWatch(Watch):
    watched = "page"
    page = models.ForeignKey(WikiPage, on_delete=models.CASCADE, related_name="watches")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="wiki_pagewatch_unique")]


class TagWatch(Watch):
    watched = "tag"
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="wiki_tagwatch_unique")]
