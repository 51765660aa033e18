from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy on the public site.

    The public templates carry no inline script, style attribute or event handler, so
    'self' is enough. The Wagtail admin ships its own inline bootstrapping and is left
    to its own headers (see docs/adr/0003-content-security-policy.md).
    """

    exempt_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.HUB_CSP
        if policy and not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
