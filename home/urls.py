"""Pages composed above the parts: tags, a reflection turned into a wiki draft."""

from django.urls import path

from home import tags, views

app_name = "home"

urlpatterns = [
    path("tags/", tags.tag_index, name="tags"),
    path("tags/<slug:slug>/", tags.tag_detail, name="tag"),
    path("tags/<slug:slug>/follow/", tags.follow_tag, name="follow_tag"),
    path("pathway/reflections/<int:pk>/wiki-draft/", views.reflection_wiki_draft, name="reflection_wiki_draft"),
]
