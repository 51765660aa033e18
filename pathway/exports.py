"""The pathway's part of a member's data export (hub/exports.py): their enrolments with the stages
they did and the visits they recorded, and their reflections with every saved version."""

from django.db.models import Prefetch

from pathway.models import Enrolment, Reflection, ReflectionRevision


def enrolments(user) -> list[dict]:
    rows = (
        Enrolment.objects.filter(user=user)
        .select_related("pathway", "cohort", "go_deeper_option")
        .prefetch_related("records__stage", "visits")
        .order_by("pk")
    )
    return [
        {
            "pathway": enrolment.pathway.name,
            "cohort": enrolment.cohort.name if enrolment.cohort_id else None,
            "go_deeper": enrolment.go_deeper_option.name if enrolment.go_deeper_option_id else None,
            "go_deeper_provider": enrolment.go_deeper_provider,
            "show_on_profile": enrolment.show_on_profile,
            "enrolled_at": enrolment.created_at,
            "stages_done": [
                {"stage": record.stage.title, "completed_on": record.completed_on} for record in enrolment.records.all()
            ],
            "visits": [
                {"place": visit.place_name, "visited_on": visit.visited_on, "learned": visit.learned}
                for visit in enrolment.visits.all()
            ],
        }
        for enrolment in rows
    ]


def reflections(user) -> list[dict]:
    rows = (
        Reflection.objects.filter(enrolment__user=user)
        .select_related("stage", "enrolment__pathway")
        .prefetch_related(Prefetch("revisions", queryset=ReflectionRevision.objects.order_by("created_at", "pk")))
        .order_by("enrolment_id", "stage__sort_order", "pk")
    )
    return [
        {
            "pathway": reflection.enrolment.pathway.name,
            "stage": reflection.stage.title,
            "title": reflection.title,
            "body": reflection.body,
            "visibility": reflection.get_visibility_display(),
            "created_at": reflection.created_at,
            "updated_at": reflection.updated_at,
            "versions": [
                {"title": version.title, "body": version.body, "saved_at": version.created_at}
                for version in reflection.revisions.all()
            ],
        }
        for reflection in rows
    ]
