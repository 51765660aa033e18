from django.conf import settings


def hub(request):
    on_search = getattr(request.resolver_match, "namespace", "") == "search"
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # The header's search box keeps the query on the search pages.
        "search_query": request.GET.get("q", "") if on_search else "",
    }
