from django.urls import path

from wiki import feeds, views

app_name = "wiki"

urlpatterns = [
    path("wiki/recent-changes/", views.recent_changes, name="recent_changes"),
    path("wiki/recent-changes/rss/", feeds.RecentChangesRss(), name="recent_changes_rss"),
    path("wiki/recent-changes/atom/", feeds.RecentChangesAtom(), name="recent_changes_atom"),
    path("wiki/category/<slug:slug>/", views.category_detail, name="category"),
    path("wiki/tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("wiki/documents/", views.documents, name="documents"),
    path("wiki/new/", views.new_page, name="new_page"),
    path("wiki/watch/page/<int:page_id>/", views.watch_page, name="watch_page"),
    path("wiki/watch/tag/<slug:slug>/", views.watch_tag, name="watch_tag"),
    path("wiki/unsubscribe/<str:kind>/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
