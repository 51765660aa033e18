import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from settings.env import cache_config, caches_config, database_config, email_config, env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_database_defaults_to_embedded_sqlite(tmp_path):
    config = database_config(None, tmp_path / "hub.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "hub.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_selects_postgresql(tmp_path):
    config = database_config("postgres://hub:secret@db.internal:5433/cohub", tmp_path / "unused")
    assert config["ENGINE"] == "hub.postgresql"  # Django's, with its health check off the socket (ADR 0113)
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.internal", 5433, "cohub", "hub")
    assert config["CONN_HEALTH_CHECKS"] is True


def test_cache_defaults_to_local_memory_and_reads_redis_url():
    assert cache_config(None)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    redis = cache_config("redis://127.0.0.1:6379/2")
    assert (redis["BACKEND"], redis["LOCATION"]) == ("hub.cache.ResilientRedisCache", "redis://127.0.0.1:6379/2")
    assert (redis["OPTIONS"]["FAIL_SILENTLY"], redis["OPTIONS"]["socket_timeout"]) == (True, 0.5)


def test_rate_limit_counters_share_the_cache_but_are_told_when_it_is_down():
    caches = caches_config("redis://127.0.0.1:6379/2")
    assert caches["limits"]["LOCATION"] == caches["default"]["LOCATION"]
    assert (caches["default"]["OPTIONS"]["FAIL_SILENTLY"], caches["limits"]["OPTIONS"]["FAIL_SILENTLY"]) == (
        True,
        False,
    )


def test_unknown_cache_scheme_is_refused_with_a_clear_message():
    with pytest.raises(ImproperlyConfigured, match="memcached"):
        cache_config("memcached://127.0.0.1:11211")


def test_email_url_smtp_with_credentials(tmp_path):
    config = email_config("smtp://mailer:p%40ss@smtp.example.org:2525", tmp_path)
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("smtp.example.org", 2525)
    assert (config["EMAIL_HOST_USER"], config["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss")
    assert config["EMAIL_USE_TLS"] is True


def test_email_defaults_to_console_and_file_backend_takes_a_path(tmp_path):
    assert email_config(None, tmp_path)["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    config = email_config(f"file://{tmp_path}/mail", tmp_path)
    assert config["EMAIL_FILE_PATH"] == f"{tmp_path}/mail"


def test_bool_and_list_parsing(monkeypatch):
    monkeypatch.setenv("HUB_FLAG", "yes")
    monkeypatch.setenv("HUB_HOSTS", " a.example.org, b.example.org ,,")
    assert env_bool("HUB_FLAG") is True
    assert env_list("HUB_HOSTS") == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("HUB_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="HUB_FLAG"):
        env_bool("HUB_FLAG")


def _import_production(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import settings.production"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production(ALLOWED_HOSTS="hub.example.org", DATABASE_URL="postgres://h@db/hub")
    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_a_short_or_development_secret_key():
    result = _import_production(
        SECRET_KEY="dev-short", ALLOWED_HOSTS="hub.example.org", DATABASE_URL="postgres://h@db/hub"
    )
    assert result.returncode == 1
    assert "long random value" in result.stderr


def test_production_refuses_wildcard_allowed_hosts():
    result = _import_production(SECRET_KEY="k" * 64, ALLOWED_HOSTS="*", DATABASE_URL="postgres://h@db/hub")
    assert result.returncode == 1
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = _import_production(
        SECRET_KEY="k" * 64, ALLOWED_HOSTS="hub.example.org", DATABASE_URL="postgres://h@db/hub"
    )
    assert result.returncode == 1
    assert "Set CACHE_URL to the shared Redis cache" in result.stderr


def test_production_refuses_a_cache_of_its_own_per_process():
    result = _import_production(
        SECRET_KEY="k" * 64, ALLOWED_HOSTS="hub.example.org", DATABASE_URL="postgres://h@db/hub", CACHE_URL="locmem://"
    )
    assert result.returncode == 1
    assert "CACHE_URL must be a redis:// or rediss:// address in production" in result.stderr


def test_production_starts_with_everything_set():
    result = _import_production(
        SECRET_KEY="k" * 64,
        ALLOWED_HOSTS="hub.example.org",
        DATABASE_URL="postgres://h@db/hub",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr


def _session_engine(module: str, **env) -> str:
    clean = {key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.SESSION_ENGINE)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_sessions_are_read_from_redis_in_production_and_written_through_to_the_database():
    production = {"SECRET_KEY": "k" * 64, "ALLOWED_HOSTS": "hub.example.org", "DATABASE_URL": "postgres://h@db/hub"}
    engine = _session_engine("settings.production", **production, CACHE_URL="redis://cache.internal:6379/0")
    assert engine == "hub.sessions"  # Django's cached_db, read beside the site (docs/adr/0114)


def test_sessions_stay_in_the_database_without_a_cache_every_process_shares():
    assert _session_engine("settings.base") == "django.contrib.sessions.backends.db"
    assert _session_engine("settings.base", CACHE_URL="locmem://") == "django.contrib.sessions.backends.db"
    assert _session_engine("settings.base", CACHE_URL="redis://127.0.0.1:6379/1") == "hub.sessions"
