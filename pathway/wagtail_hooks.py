"""Wagtail admin for the pathway: stages (with their wiki page) and Go Deeper routes for trainers;
cohorts for superusers. Reflections are never in the admin: private means private."""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from pathway.models import Cohort, GoDeeperOption, Stage


class StageViewSet(ModelViewSet):
    model = Stage
    icon = "list-ol"
    menu_label = "Stages"
    list_display = ["title", "short_title", "kind", "due_month", "wiki_page"]
    list_filter = ["kind"]
    ordering = ["pathway", "sort_order"]
    # Stages come from the pathway's migration: their order and kind are fixed, their words are not.
    add_view_enabled = False
    delete_view_enabled = False


class GoDeeperOptionViewSet(ModelViewSet):
    model = GoDeeperOption
    icon = "pick"
    menu_label = "Go Deeper routes"
    list_display = ["name", "pathway", "sort_order"]


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = "Cohorts"
    list_display = ["name", "starts_on", "area"]
    search_fields = ["name", "area"]


class PathwayViewSetGroup(ViewSetGroup):
    menu_label = "Training pathway"
    menu_icon = "list-ol"
    menu_order = 850
    items = (
        StageViewSet("pathway_stages"),
        GoDeeperOptionViewSet("pathway_go_deeper"),
        CohortViewSet("pathway_cohorts"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PathwayViewSetGroup()
