from django.urls import path

from pathway import views

app_name = "pathway"

urlpatterns = [
    path("pathway/", views.overview, name="overview"),
    path("pathway/me/", views.my_pathway, name="mine"),
    path("pathway/me/start/", views.start, name="start"),
    path("pathway/me/profile/", views.profile_setting, name="profile_setting"),
    path("pathway/me/stages/<slug:slug>/", views.record_stage, name="record_stage"),
    path("pathway/me/stages/<slug:slug>/clear/", views.clear_stage, name="clear_stage"),
    path("pathway/me/reflections/<slug:slug>/", views.edit_reflection, name="edit_reflection"),
    path("pathway/me/visits/add/", views.add_visit, name="add_visit"),
    path("pathway/me/visits/<int:pk>/delete/", views.delete_visit, name="delete_visit"),
    path("pathway/reflections/<int:pk>/", views.reflection_detail, name="reflection"),
    path("pathway/reflections/<int:pk>/history/", views.reflection_history, name="reflection_history"),
    path("pathway/cohorts/", views.cohorts, name="cohorts"),
    path("pathway/cohorts/new/", views.new_cohort, name="new_cohort"),
    path("pathway/cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("pathway/cohorts/<int:pk>/organisers/add/", views.add_organiser, name="add_organiser"),
    path(
        "pathway/cohorts/<int:pk>/organisers/<int:enrolment_pk>/remove/",
        views.remove_organiser,
        name="remove_organiser",
    ),
    path("pathway/cohorts/<int:pk>/team/add/", views.add_team_member, name="add_team_member"),
    path("pathway/cohorts/<int:pk>/team/<int:user_pk>/remove/", views.remove_team_member, name="remove_team_member"),
    path("pathway/cohorts/<int:pk>/sessions/new/", views.new_session, name="new_session"),
    path("pathway/sessions/<int:pk>/", views.session_detail, name="session"),
    path("pathway/co-trainers/", views.co_trainers, name="co_trainers"),
    path("pathway/co-trainers/mark/", views.mark_co_trainer, name="mark_co_trainer"),
    path("pathway/co-trainers/<int:pk>/withdraw/", views.withdraw_co_trainer, name="withdraw_co_trainer"),
]
