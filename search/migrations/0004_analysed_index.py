"""The index holds the hub's own analysed terms (search/analysis.py) instead of each database's stemmer.

SQLite: `search_fts` becomes an FTS5 table written by the application (analysed title, summary,
tags, body, and the filter keys), with its vocabulary table `search_fts_vocab`; `search_titles`
(raw titles and tags, prefix-indexed, kept in step by triggers) serves suggestions.
PostgreSQL: `search_vector` is written by the application from the analysed text ('simple'
configuration: no second stemmer), `search_term` holds the vocabulary with a pg_trgm index, and
an expression index over raw titles and tags serves suggestions.
Existing entries are analysed here, so no reindex is needed. See docs/adr/0042.
"""

from django.db import migrations, models

SQLITE_CREATE = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, tags, body, keys, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, row)",
    """CREATE VIRTUAL TABLE search_titles USING fts5(
        title, tags, content='search_indexentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )""",
    """CREATE TRIGGER search_titles_ai AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_titles(rowid, title, tags) VALUES (new.id, new.title, new.tags);
    END""",
    """CREATE TRIGGER search_titles_ad AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_titles(search_titles, rowid, title, tags) VALUES ('delete', old.id, old.title, old.tags);
    END""",
    """CREATE TRIGGER search_titles_au AFTER UPDATE OF title, tags ON search_indexentry BEGIN
        INSERT INTO search_titles(search_titles, rowid, title, tags) VALUES ('delete', old.id, old.title, old.tags);
        INSERT INTO search_titles(rowid, title, tags) VALUES (new.id, new.title, new.tags);
    END""",
    "INSERT INTO search_titles(search_titles) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_titles_au",
    "DROP TRIGGER IF EXISTS search_titles_ad",
    "DROP TRIGGER IF EXISTS search_titles_ai",
    "DROP TABLE IF EXISTS search_titles",
    "DROP TABLE IF EXISTS search_fts_vocab",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_CREATE = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector",
    "CREATE INDEX search_entry_vector_gin ON search_indexentry USING gin (search_vector)",
    "CREATE INDEX search_entry_words_gin ON search_indexentry USING gin "
    "(to_tsvector('simple', title || ' ' || tags))",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_term_trgm ON search_term USING gin (term gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_entry_words_gin",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(tags, '')), 'B')
        || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_entry_vector_gin ON search_indexentry USING gin (search_vector)",
]
# Weights: title A, tags B, summary C, body D (search/backends/postgres.py ranks with them).
POSTGRES_VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
    "|| setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)
OLD_SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, tags, body, keys,
        content='search_indexentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_fts(rowid, title, tags, body, keys)
        VALUES (new.id, new.title, new.tags, new.body, new.keys);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body, keys)
        VALUES ('delete', old.id, old.title, old.tags, old.body, old.keys);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body, keys)
        VALUES ('delete', old.id, old.title, old.tags, old.body, old.keys);
        INSERT INTO search_fts(rowid, title, tags, body, keys)
        VALUES (new.id, new.title, new.tags, new.body, new.keys);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def _lz4(schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    if row and row[0]:
        schema_editor.execute("ALTER TABLE search_indexentry ALTER COLUMN search_vector SET COMPRESSION lz4")


def analyse_existing(apps, schema_editor) -> None:
    from search.analysis import index_text

    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    for statement in SQLITE_CREATE if vendor == "sqlite" else POSTGRES_CREATE:
        schema_editor.execute(statement)
    if vendor == "postgresql":
        _lz4(schema_editor)
    entry_model = apps.get_model("search", "IndexEntry")
    rows = entry_model.objects.values_list("id", "title", "summary", "tags", "body", "keys")
    with schema_editor.connection.cursor() as cursor:
        for pk, title, summary, tags, body, keys in rows.iterator():
            texts = [index_text(title), index_text(summary), index_text(tags), index_text(body)]
            cursor.execute(
                "UPDATE search_indexentry SET title_key = %s, title_terms = %s, summary_terms = %s, "
                "tags_terms = %s, body_terms = %s WHERE id = %s",
                [texts[0][:300], *(len(text.split()) for text in texts), pk],
            )
            if vendor == "sqlite":
                cursor.execute(
                    "INSERT INTO search_fts(rowid, title, summary, tags, body, keys) VALUES (%s, %s, %s, %s, %s, %s)",
                    [pk, *texts, keys],
                )
            else:
                cursor.execute(
                    f"UPDATE search_indexentry SET search_vector = {POSTGRES_VECTOR} WHERE id = %s",  # noqa: S608
                    [texts[0], texts[2], texts[1], texts[3], pk],
                )
        if vendor == "postgresql":
            cursor.execute(
                "INSERT INTO search_term (term, docs) "
                "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_indexentry')"
            )


def back_to_0003(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [*SQLITE_DROP, *OLD_SQLITE], "postgresql": POSTGRES_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_vector_lz4")]

    operations = [
        migrations.AddField(model_name="indexentry", name="summary", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name="indexentry", name="title_key", field=models.CharField(blank=True, max_length=300)
        ),
        *(
            migrations.AddField(
                model_name="indexentry", name=f"{field}_terms", field=models.PositiveIntegerField(default=0)
            )
            for field in ("title", "summary", "tags", "body")
        ),
        migrations.AddIndex(
            model_name="indexentry", index=models.Index(fields=["title_key"], name="search_entry_title_key")
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("term", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("docs", models.IntegerField(default=0)),
            ],
            options={"db_table": "search_term", "verbose_name": "search vocabulary term"},
        ),
        migrations.RunPython(analyse_existing, back_to_0003),
    ]
