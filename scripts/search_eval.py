"""`make search-eval`: relevance of every backend on the judged queries, against fresh demo hubs.

Builds the demo hub in a throwaway SQLite file and in a throwaway PostgreSQL database (from
TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres; the database gets an
`_eval` suffix and is dropped afterwards), runs `manage.py search_eval` on each (which adds
Elasticsearch when ELASTICSEARCH_URL is set), then prints the backends' top results side by side
(the parity report). Exits non-zero when a backend fails the relevance gate.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ADMIN_URL = PG_URL.rsplit("/", 1)[0] + "/postgres"  # create and drop databases from the maintenance one


def manage(env: dict, *args: str, quiet: bool = False) -> int:
    command = [PYTHON, "manage.py", *args]
    output = subprocess.DEVNULL if quiet else None
    return subprocess.call(command, cwd=ROOT, env={**os.environ, **env}, stdout=output)


def evaluate(label: str, env: dict, scratch: Path) -> tuple[int, dict]:
    print(f"\n=== {label}: building the demo hub ===", flush=True)
    if manage(env, "migrate", "--noinput", quiet=True) or manage(env, "load_demo", "--force", quiet=True):
        print(f"{label}: could not build the demo hub (see the errors above).")
        return 1, {}
    report = scratch / f"{label}.json"
    code = manage(env, "search_eval", "--json", str(report), "--label", label)
    return code, json.loads(report.read_text()) if report.exists() else {}


def postgres_env(scratch: Path) -> dict | None:
    try:
        import psycopg
    except ImportError:
        return None
    name = PG_URL.rsplit("/", 1)[1].split("?")[0] + "_eval"
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not evaluated: {error}".strip())
        return None
    return {"DATABASE_URL": PG_URL.rsplit("/", 1)[0] + "/" + name, "HUB_VAR_DIR": str(scratch / "pg-var")}


def drop_postgres(env: dict) -> None:
    import psycopg

    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def parity(found: dict) -> None:
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
        import django

        django.setup()
    from search import evaluation

    judged = evaluation.load()
    print("\nParity: the top three of each backend (* marks a best answer)")
    for item in judged:
        print(f"  {item.q!r}")
        for backend, results in found.items():
            top = results.get(item.q, [])[:3]
            shown = ", ".join(("*" if name in item.best else "") + name for name in top)
            print(f"    {backend:<14} {shown or '(nothing)'}")


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="cohub-search-eval-"))
    found: dict = {}
    code, results = evaluate("sqlite-fts5", {"DATABASE_URL": "", "HUB_VAR_DIR": str(scratch / "sqlite-var")}, scratch)
    found.update(results)
    pg = postgres_env(scratch)
    if pg:
        try:
            pg_code, results = evaluate("postgresql", pg, scratch)
            code, found = code or pg_code, {**found, **results}
        finally:
            drop_postgres(pg)
    if not os.environ.get("ELASTICSEARCH_URL"):
        print("\nElasticsearch not evaluated: ELASTICSEARCH_URL is not set (see docs/search.md).")
    parity(found)
    return code


if __name__ == "__main__":
    sys.exit(main())
