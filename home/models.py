from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.page_context import PageContextMixin


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
