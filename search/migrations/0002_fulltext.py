"""The full-text index for the database's own vendor: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Written as RunPython so each vendor runs only its own SQL; other databases get no full-text
index and the search service says so (docs/adr/0040-search-ranking-and-backends.md).
"""

from django.db import migrations

SQLITE_CREATE = [
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
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_CREATE = [
    """ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(tags, '')), 'B')
        || setweight(to_tsvector('english', coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_entry_vector_gin ON search_indexentry USING gin (search_vector)",
    "CREATE INDEX search_entry_keys_gin ON search_indexentry USING gin (to_tsvector('simple', keys))",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_keys_gin",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
