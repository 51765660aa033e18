from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.page_context import PageContextMixin
from hub.routing import route_from


class HomePage(PageContextMixin, Page):
    """The front door at /: what is new in the wiki, questions waiting for answers, people to meet.
    home/panels.py gathers them (registered in HomeConfig.ready())."""

    intro = models.TextField(
        blank=True,
        help_text="One or two plain sentences that say what the hub is for.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Only one home page, at the root of the site.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        # Every page of the site is below this one: find it by its address in one query (hub/routing.py).
        if not path_components:
            return super().route(request, path_components)
        return route_from(self, request, path_components, super().route)


class TagDescription(models.Model):
    """What a tag means, in a sentence or two, shown on the tags index and the tag's page. Tags are
    shared by the wiki, documents and the Q&A forum, so their description lives here, above both."""

    tag = models.OneToOneField("taggit.Tag", on_delete=models.CASCADE, related_name="description")
    description = models.TextField(
        max_length=500, help_text="One or two plain sentences: what the tag is about and when to use it."
    )

    panels = [FieldPanel("tag"), FieldPanel("description")]

    class Meta:
        ordering = ["tag__name"]

    def __str__(self) -> str:
        return self.tag.name
