"""Admin wiring of the wiki: categories as a snippet listing."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from wiki.models import WikiCategory


class WikiCategoryViewSet(SnippetViewSet):
    model = WikiCategory
    icon = "folder-open-inverse"
    menu_label = "Wiki categories"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(WikiCategoryViewSet)
