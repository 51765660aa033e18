"""Admin wiring of the pages composed above the parts: tag descriptions as a snippet listing."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import TagDescription


class TagDescriptionViewSet(SnippetViewSet):
    model = TagDescription
    icon = "tag"
    menu_label = "Tag descriptions"
    add_to_admin_menu = True
    list_display = ["tag", "description"]
    search_fields = ["description"]


register_snippet(TagDescriptionViewSet)
