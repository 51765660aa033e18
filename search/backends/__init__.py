"""Search backends: the database (SQLite FTS5 or PostgreSQL) and Elasticsearch 9."""
