"""Admin panels of the wiki's pages."""

from wagtail.admin.panels import TitleFieldPanel


class WikiTitlePanel(TitleFieldPanel):
    """The title field. A page started from a missing `[[wiki link]]` arrives at the admin's add form
    with ?title=... (wiki.views.new_page); the panel is handed that request, so it fills the title in."""

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            title = self.request.GET.get("title", "")[:255] if self.request is not None else ""
            if title and self.form is not None and not self.form.is_bound and not self.instance.pk:
                self.form.initial["title"] = title
