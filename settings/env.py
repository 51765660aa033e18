"""Small helpers that read configuration from the environment.

Every setting that differs between machines goes through these, so the README's
table of variables is the whole story of how a deployment is configured.
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else value.strip()


def env_required(name: str) -> str:
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable: production settings need it.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list of IP addresses or networks (CIDR). A wildcard, a catch-all network or
    a host name is refused: trusting everyone would let any client pass for the proxy."""
    entries = env_list(name, default)
    for entry in entries:
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks (for example 10.0.0.5 or 10.0.0.0/24), not {entry!r}."
            ) from None
        if network.prefixlen == 0:
            raise ImproperlyConfigured(f"{name} must not trust every address ({entry!r}): list the proxies only.")
    return entries


def database_config(url: str | None, sqlite_path: Path) -> dict:
    """DATABASE_URL if set, otherwise the embedded SQLite file."""
    if not url:
        url = f"sqlite:///{sqlite_path}"
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers carry on while one writer commits; the busy timeout
        # makes a second writer wait instead of failing at once.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Django's backend, with the health check read off the connection's socket (ADR 0113).
            config["ENGINE"] = "hub.postgresql"
            # Without it, a database host that never answers holds a request (or the health
            # check) until the operating system gives up, minutes later.
            config.setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
    return config


def cache_config(url: str | None, fail_silently: bool = True) -> dict:
    """CACHE_URL (or REDIS_URL) if set, otherwise a local-memory cache.

    Redis goes through hub.cache.ResilientRedisCache (short time-outs, a circuit breaker):
    `fail_silently` makes an unreachable Redis read as a miss (the page cache) or raise
    hub.cache.CacheUnavailable (the rate-limit counters, which choose their own direction).
    """
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hub"}
    scheme = urlparse(url).scheme
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "hub.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env_str("HUB_CACHE_KEY_PREFIX", ""),
            "OPTIONS": {
                "FAIL_SILENTLY": fail_silently,
                "RETRY_SECONDS": env_int("HUB_CACHE_RETRY_SECONDS", 5),
                "socket_connect_timeout": float(env_str("HUB_CACHE_TIMEOUT", "0.5")),
                "socket_timeout": float(env_str("HUB_CACHE_TIMEOUT", "0.5")),
            },
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hub"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL scheme {scheme!r} is not supported: use redis://, locmem:// or dummy://.")


def caches_config(url: str | None, pages_dir: Path | None = None) -> dict:
    """Three aliases on one cache: `default` for fragments (an accelerator), `limits` for the
    rate-limit counters (hub/ratelimit.py), which must know when the cache is down, and `pages`
    for whole anonymous pages (hub/page_cache.py). Without CACHE_URL, `pages` is a directory of
    files, because the web server and the task worker are separate processes that must see the
    same page generation (a write in the worker drops the web server's pages)."""
    caches = {"default": cache_config(url), "limits": cache_config(url, fail_silently=False)}
    if url or pages_dir is None:
        caches["pages"] = cache_config(url)
    else:
        caches["pages"] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(pages_dir),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    return caches


def email_config(url: str | None, default_file_path: Path) -> dict:
    """EMAIL_URL as smtp://user:password@host:port, console://, file:///path or locmem://."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path) or str(default_file_path),
        }
    if scheme in {"smtp", "smtps", "submission"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_USE_TLS": scheme != "smtps" and query.get("tls", ["true"])[0] != "false",
        }
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not supported: use smtp://, smtps://, console://, file:// or locmem://."
    )
