"""Security headers the hub adds beside the Content-Security-Policy (which django-csp sends) and the
ones Django's SecurityMiddleware sends (Referrer-Policy, X-Content-Type-Options, HSTS in production)."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response: the hub never asks for the camera, microphone or location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.HUB_PERMISSIONS_POLICY)
        return response
