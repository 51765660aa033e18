"""sitemap.xml and robots.txt: what search engines may list, from every part, public and live only.

Pages are those the one visibility rule (hub/visibility.py) shows to the public; the forum's visible
questions come from its selectors, which apply the same rule. Links use the hub's public address
(the `sites` row, hub/site.py).
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from hub import site, visibility
from qa import selectors as qa_selectors


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap, with every address on the hub's public address (HUB_BASE_URL) like the
    rest of the sitemap, whatever host name the Wagtail Site row was given."""

    def items(self):
        # The one visibility rule (hub/visibility.py) as the public sees it, not Wagtail's live().public():
        # it also leaves out what a part keeps to members, such as profiles hidden from visitors.
        root = self.get_wagtail_site().root_page
        pages = visibility.visible_pages(root.get_descendants(inclusive=True), visibility.PUBLIC)
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):  # Wagtail's own hook for the rows, extended not replaced
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = site.absolute_url(url["location"])
        return urls


class QuestionSitemap(DjangoSitemap):
    limit = 5000

    def items(self):
        return qa_selectors.visible_questions().prefetch_related(None).select_related(None).order_by("pk")

    def lastmod(self, question):
        return question.last_activity_at


SITEMAPS = {"pages": PageSitemap, "questions": QuestionSitemap}


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)


def robots(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "Disallow: /django-admin/",
        f"Disallow: {reverse('search:search')}",
        "Disallow: /accounts/",
        "Disallow: /inbox/",
        f"Sitemap: {request.build_absolute_uri(reverse('home:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
