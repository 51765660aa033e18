from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from home import panels


class HomePage(Page):
    """The front door at /: what is new in the wiki, questions waiting for answers, people to meet."""

    intro = models.TextField(
        blank=True,
        help_text="One or two plain sentences that say what the hub is for.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Only one home page, at the root of the site.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(panels.home_panels(request))
        return context
