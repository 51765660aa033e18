"""Admin wiring of the wiki: the title of a page started from a missing wiki link is filled in."""

from wagtail import hooks

from wiki import forms


@hooks.register("before_create_page")
def remember_title_to_prefill(request, parent_page, page_class):
    forms.PREFILL_TITLE.set(request.GET.get("title", "")[:255] if request.method == "GET" else "")
