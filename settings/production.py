"""Production: every secret and host comes from the environment, and is required."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_networks, env_required

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "django-insecure")):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be a long random value (50 characters or more).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the hub's host names, comma-separated (no '*').")
env_required("DATABASE_URL")
if not CACHE_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Set CACHE_URL to the shared Redis cache, for example redis://redis:6379/0: production needs one "
        "cache for every app server, so that rate limits hold across processes and machines."
    )
if CACHES["default"]["BACKEND"] != "hub.cache.ResilientRedisCache":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CACHE_URL must be a redis:// or rediss:// address in production: a local-memory cache "
        "would give every process its own rate limits."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS])

# X-Forwarded-Proto and X-Forwarded-For count only from these addresses (hub.middleware.TrustedProxyMiddleware;
# gunicorn.conf.py gives gunicorn the same list). The default is a proxy on the same machine.
HUB_TRUSTED_PROXIES = env_networks("HUB_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
