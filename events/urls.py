from django.urls import path

from events import views

app_name = "events"

# The event pages are Wagtail pages under /events/; these routes sit beside them and win because
# Wagtail's page serving comes last. EventPage.clean() keeps their words out of event slugs.
urlpatterns = [
    path("events/calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("events/mine/", views.mine, name="mine"),
    path("events/registrations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("events/<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("events/<slug:slug>/registrations.csv", views.registrations_csv, name="registrations_csv"),
]
