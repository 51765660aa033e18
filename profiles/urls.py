from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("profiles/blogs/", views.blogs_river, name="blogs"),
    path("profiles/blogs/rss/", views.BlogsRiverFeed(), name="blogs_rss"),
    path("profiles/me/", views.my_profile, name="mine"),
    path("profiles/edit/<int:page_id>/", views.edit_profile, name="edit"),
    path("profiles/edit/<int:page_id>/refresh/", views.refresh_now, name="refresh"),
    path("profiles/edit/<int:page_id>/data/", views.download_data, name="data"),
    path("profiles/edit/<int:page_id>/delete/", views.request_deletion, name="delete"),
]
