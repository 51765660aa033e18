from django.urls import include, path

from profiles import views

app_name = "profiles"

# The owner's tools for one profile: /profiles/edit/<page_id>/...
owner_patterns = [
    path("", views.edit_profile, name="edit"),
    path("refresh/", views.refresh_now, name="refresh"),
    path("data/", views.download_data, name="data"),
    path("delete/", views.request_deletion, name="delete"),
]

urlpatterns = [
    path("profiles/blogs/", views.blogs_river, name="blogs"),
    path("profiles/blogs/rss/", views.BlogsRiverFeed(), name="blogs_rss"),
    path("profiles/me/", views.my_profile, name="mine"),
    path("profiles/map/", views.places_map, name="map"),
    path("profiles/edit/<int:page_id>/", include(owner_patterns)),
]
