"""The hub's own search index: one flat row per searchable thing.

Every adapter's `SearchDocument` lands here, whatever the backend. The text is analysed in
Python (search/analysis.py) and written by search/store.py: on SQLite into an FTS5 table
(`search_fts`, with its vocabulary table `search_fts_vocab`), on PostgreSQL into the tsvector
column `search_vector` (GIN-indexed) and the vocabulary table `search_term`. Those objects are
created in migrations 0002-0004 for their vendor only, so the models stay portable.
See docs/adr/0040-search-ranking-and-backends.md and docs/adr/0042-one-analyser-in-python.md.
"""

from django.db import models


class IndexEntry(models.Model):
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True, help_text="One tag a line.")
    url = models.CharField(max_length=500)
    area = models.CharField(max_length=200, blank=True)
    answered = models.BooleanField(null=True)
    accepted = models.BooleanField(default=False)
    rating_score = models.IntegerField(default=0)
    author_score = models.IntegerField(default=0)
    published_at = models.DateTimeField(db_index=True)
    parent_title = models.CharField(max_length=300, blank=True)
    parent_url = models.CharField(max_length=500, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    # Filter tokens (kind, tags, area, answered) as plain words, so FTS5 can filter inside the
    # full-text index instead of joining every match: see search/terms.py.
    keys = models.TextField(blank=True)
    # The title's analysed terms: a page whose title is the query is found by this key directly.
    title_key = models.CharField(max_length=300, blank=True)
    # Analysed terms per field, for the ranking's length normalisation (search/ranking.py).
    title_terms = models.PositiveIntegerField(default=0)
    summary_terms = models.PositiveIntegerField(default=0)
    tags_terms = models.PositiveIntegerField(default=0)
    body_terms = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_kind_object")]
        indexes = [
            models.Index(fields=["kind", "published_at"], name="search_entry_kind_published"),
            models.Index(fields=["title_key"], name="search_entry_title_key"),
        ]
        verbose_name = "search index entry"
        verbose_name_plural = "search index entries"

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split("\n") if tag]


class SearchTerm(models.Model):
    """PostgreSQL's copy of the index vocabulary (SQLite reads FTS5's own): search/vocabulary.py."""

    term = models.CharField(max_length=200, primary_key=True)
    docs = models.IntegerField(default=0)

    class Meta:
        db_table = "search_term"
        verbose_name = "search vocabulary term"

    def __str__(self):
        return f"{self.term} ({self.docs})"
