from django.urls import include, path

from qa.views import actions, browse, posts

app_name = "qa"

# /questions/...: finding and asking
listing_patterns = [
    path("", browse.question_list, name="list"),
    path("rss/", browse.QuestionsFeed(), name="rss"),
    path("similar/", browse.similar, name="similar"),
    path("ask/", posts.ask, name="ask"),
]

# /questions/tagged/<tag>/...
tag_patterns = [
    path("", browse.tagged, name="tagged"),
    path("rss/", browse.QuestionsFeed(), name="tagged_rss"),
    path("follow/", actions.follow_tag, name="follow_tag"),
]

# /questions/<id>/...: what the asker, followers and members with the privilege can do to a question
question_action_patterns = [
    path("close/", actions.close, name="close"),
    path("reopen/", actions.reopen, name="reopen"),
    path("unaccept/", actions.unaccept, name="unaccept"),
    path("follow/", actions.follow_question, name="follow"),
]

# /questions/<id>/...: the question's page, answering and editing it. The slug comes last, so the
# actions win over it.
question_patterns = [
    path("", posts.question_detail, name="question_short"),
    path("answer/", posts.post_answer, name="answer"),
    path("edit/", posts.edit_question, name="edit_question"),
    path("<slug:slug>/", posts.question_detail, name="question"),
]

# /questions/<action>/<kind>/<id>/: the same actions on a question, an answer or a comment
post_action_patterns = [
    path("rate/<str:kind>/<int:pk>/", actions.rate, name="rate"),
    path("comment/<str:kind>/<int:pk>/", actions.comment, name="comment"),
    path("flag/<str:kind>/<int:pk>/", actions.flag, name="flag"),
]

urlpatterns = [
    path("questions/", include(listing_patterns)),
    path("questions/tagged/<slug:tag>/", include(tag_patterns)),
    path("questions/<int:pk>/", include(question_action_patterns)),
    path("questions/<int:pk>/", include(question_patterns)),
    path("questions/answers/<int:pk>/", posts.answer_link, name="answer_link"),
    path("questions/answers/<int:pk>/edit/", posts.edit_answer, name="edit_answer"),
    path("questions/answers/<int:pk>/accept/", actions.accept, name="accept"),
    path("questions/<str:kind>/<int:pk>/history/", posts.history, name="history"),
    path("questions/revisions/<int:pk>/", posts.revision_diff, name="revision"),
    path("questions/revisions/<int:pk>/rollback/", posts.rollback, name="rollback"),
    path("questions/", include(post_action_patterns)),
    path("questions/unsubscribe/<str:token>/", actions.unsubscribe, name="unsubscribe"),
    path("", include("qa.api.urls")),
]
