from django.conf import settings


def hub(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "search_query": request.GET.get("q", "") if request.path.startswith("/search") else "",
    }
