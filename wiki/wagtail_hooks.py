"""Admin wiring of the wiki: categories as a snippet listing, and the title of a page started from a
missing wiki link filled in."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from wiki import forms
from wiki.models import WikiCategory


class WikiCategoryViewSet(SnippetViewSet):
    model = WikiCategory
    icon = "folder-open-inverse"
    menu_label = "Wiki categories"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(WikiCategoryViewSet)


@hooks.register("before_create_page")
def remember_title_to_prefill(request, parent_page, page_class):
    forms.PREFILL_TITLE.set(request.GET.get("title", "")[:255] if request.method == "GET" else "")
