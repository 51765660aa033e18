"""The hub's URLs plus the benchmark's baseline: a trivial Django view returning a fixed 10 KB page."""

from django.http import HttpResponse
from django.urls import include, path

# About 10 KB of plain HTML, built once: the view itself does no work.
BASELINE_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Baseline</title></head><body>"
    + "<p>Community organisers listen, build trust, map power and act together.</p>" * 130
    + "</body></html>"
).encode()


def baseline(request):
    return HttpResponse(BASELINE_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline), path("", include("hub.urls"))]
