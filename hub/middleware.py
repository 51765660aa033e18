"""The hub's middleware: the health check, forwarded headers from trusted proxies only, and the
security headers the hub adds beside the Content-Security-Policy (which django-csp sends) and the
ones Django's SecurityMiddleware sends (Referrer-Policy, X-Content-Type-Options, HSTS in production)."""

from django.conf import settings

from hub import health, page_context
from hub.proxies import is_trusted_proxy


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response: the hub never asks for the camera, microphone or location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.HUB_PERMISSIONS_POLICY)
        return response


class HealthCheckMiddleware:
    """Answers `settings.HUB_HEALTH_PATH` before any other middleware (hub/health.py says why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == settings.HUB_HEALTH_PATH:
            return health.healthz(request)
        return self.get_response(request)


# Headers a client could send to pass for a proxy: they count only from a trusted proxy's address.
FORWARDED_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_PROTOCOL",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_REAL_IP",
)


class TrustedProxyMiddleware:
    """Drops the forwarding headers of a request that did not come from a trusted proxy, so that
    SECURE_PROXY_SSL_HEADER and the rate limits' client address honour only HUB_TRUSTED_PROXIES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for name in FORWARDED_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)


class RequestMemoMiddleware:
    """Lets pages keep what they read once per request on the request being answered (the site
    root paths every `page.url` asks for: hub/page_context.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with page_context.serving(request):
            return self.get_response(request)
