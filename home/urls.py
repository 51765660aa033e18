"""Pages composed above the parts: tags, the sitemap and robots.txt, a reflection turned into a wiki draft."""

from django.urls import path

from home import sitemaps, tags, views

app_name = "home"

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("tags/", tags.tag_index, name="tags"),
    path("tags/<slug:slug>/", tags.tag_detail, name="tag"),
    path("tags/<slug:slug>/follow/", tags.follow_tag, name="follow_tag"),
    path("pathway/reflections/<int:pk>/wiki-draft/", views.reflection_wiki_draft, name="reflection_wiki_draft"),
]
