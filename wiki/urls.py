from django.urls import include, path

from wiki import feeds, views

app_name = "wiki"

# /wiki/recent-changes/..., as a page and as feeds
recent_changes_patterns = [
    path("", views.recent_changes, name="recent_changes"),
    path("rss/", feeds.RecentChangesRss(), name="recent_changes_rss"),
    path("atom/", feeds.RecentChangesAtom(), name="recent_changes_atom"),
]

# Watching pages and tags, and stopping from an email's link
watch_patterns = [
    path("watch/page/<int:page_id>/", views.watch_page, name="watch_page"),
    path("watch/tag/<slug:slug>/", views.watch_tag, name="watch_tag"),
    path("unsubscribe/<str:kind>/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

urlpatterns = [
    path("wiki/recent-changes/", include(recent_changes_patterns)),
    path("wiki/debates/", views.debates, name="debates"),
    path("wiki/a-z/", views.a_to_z, name="a_to_z"),
    path("wiki/links-here/<int:page_id>/", views.links_here, name="links_here"),
    path("wiki/category/<slug:slug>/", views.category_detail, name="category"),
    path("wiki/tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("wiki/documents/", views.documents, name="documents"),
    path("wiki/new/", views.new_page, name="new_page"),
    path("wiki/", include(watch_patterns)),
]
