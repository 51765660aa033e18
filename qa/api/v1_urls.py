"""The forum's JSON API under /api/v1/. Its own URLconf so the schema covers exactly these routes."""

from django.urls import path

from qa.api import reference, views

urlpatterns = [
    path("api/v1/", reference.ApiRoot.as_view(), name="api_root"),
    path("api/v1/questions/", views.QuestionList.as_view(), name="api_questions"),
    path("api/v1/questions/<int:pk>/", views.QuestionDetail.as_view(), name="api_question"),
    path("api/v1/questions/<int:pk>/answers/", views.QuestionAnswers.as_view(), name="api_question_answers"),
    path("api/v1/questions/<int:pk>/accept/", views.Accept.as_view(), name="api_accept"),
    path("api/v1/answers/<int:pk>/", views.AnswerDetail.as_view(), name="api_answer"),
    path("api/v1/comments/", views.CommentList.as_view(), name="api_comments"),
    path("api/v1/ratings/", views.RatingList.as_view(), name="api_ratings"),
    path("api/v1/tags/", views.TagList.as_view(), name="api_tags"),
    path("api/v1/members/<str:username>/", views.MemberReputation.as_view(), name="api_member"),
    path("api/v1/flags/<str:kind>/<int:pk>/", views.FlagCreate.as_view(), name="api_flag"),
]
