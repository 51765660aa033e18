"""The hub's own search index: one flat row per searchable thing.

Every adapter's `SearchDocument` lands here, whatever the backend. On SQLite an FTS5 table
(`search_fts`, kept in step by triggers) indexes the text; on PostgreSQL a generated tsvector
column with a GIN index does. Both are created in migration 0002 for their vendor only, so the
model itself stays portable. See docs/adr/0040-search-ranking-and-backends.md.
"""

from django.db import models


class IndexEntry(models.Model):
    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
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
    # full-text index instead of joining every match: see search/backends/keys.py.
    keys = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_kind_object")]
        indexes = [models.Index(fields=["kind", "published_at"], name="search_entry_kind_published")]
        verbose_name = "search index entry"
        verbose_name_plural = "search index entries"

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split("\n") if tag]
