from django.urls import include, path

from qa.views import actions, browse, posts

app_name = "qa"

urlpatterns = [
    path("questions/", browse.question_list, name="list"),
    path("questions/rss/", browse.QuestionsFeed(), name="rss"),
    path("questions/similar/", browse.similar, name="similar"),
    path("questions/ask/", posts.ask, name="ask"),
    path("questions/tagged/<slug:tag>/", browse.tagged, name="tagged"),
    path("questions/tagged/<slug:tag>/rss/", browse.QuestionsFeed(), name="tagged_rss"),
    path("questions/tagged/<slug:tag>/follow/", actions.follow_tag, name="follow_tag"),
    path("questions/<int:pk>/", posts.question_detail, name="question_short"),
    path("questions/<int:pk>/answer/", posts.post_answer, name="answer"),
    path("questions/<int:pk>/edit/", posts.edit_question, name="edit_question"),
    path("questions/<int:pk>/close/", actions.close, name="close"),
    path("questions/<int:pk>/reopen/", actions.reopen, name="reopen"),
    path("questions/<int:pk>/unaccept/", actions.unaccept, name="unaccept"),
    path("questions/<int:pk>/follow/", actions.follow_question, name="follow"),
    path("questions/answers/<int:pk>/edit/", posts.edit_answer, name="edit_answer"),
    path("questions/answers/<int:pk>/accept/", actions.accept, name="accept"),
    path("questions/<str:kind>/<int:pk>/history/", posts.history, name="history"),
    path("questions/revisions/<int:pk>/", posts.revision_diff, name="revision"),
    path("questions/revisions/<int:pk>/rollback/", posts.rollback, name="rollback"),
    path("questions/rate/<str:kind>/<int:pk>/", actions.rate, name="rate"),
    path("questions/comment/<str:kind>/<int:pk>/", actions.comment, name="comment"),
    path("questions/flag/<str:kind>/<int:pk>/", actions.flag, name="flag"),
    path("questions/unsubscribe/<str:token>/", actions.unsubscribe, name="unsubscribe"),
    # Last of the question routes, so /questions/<id>/answer/ and friends win over the slug.
    path("questions/<int:pk>/<slug:slug>/", posts.question_detail, name="question"),
    path("", include("qa.api.urls")),
]
