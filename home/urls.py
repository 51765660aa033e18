from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("pathway/reflections/<int:pk>/wiki-draft/", views.reflection_wiki_draft, name="reflection_wiki_draft"),
]
