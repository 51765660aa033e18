"""RSS 2.0 and Atom feeds of the wiki's recent changes, with the same filters as the page."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from wiki import selectors

FEED_SIZE = 50


class RecentChangesRss(Feed):
    feed_type = Rss201rev2Feed
    title = "CO Knowledge Hub wiki: recent changes"
    description = "Every new version of a page published on the wiki of the CO Knowledge Hub."

    def get_object(self, request, *args, **kwargs):
        return {key: request.GET.get(key, "") for key in ("category", "tag", "contributor")}

    def link(self, filters):
        return reverse("wiki:recent_changes")

    def items(self, filters):
        return list(selectors.recent_changes(**filters)[:FEED_SIZE])

    def item_title(self, entry):
        return entry.page.title

    def item_description(self, entry):
        who = entry.user.public_name if entry.user else "Someone"
        note = f": {entry.note}" if entry.note else ""
        return f"{who} published a new version{note}"

    def item_link(self, entry):
        return entry.page.url

    def item_guid(self, entry):
        return f"wiki-change-{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.timestamp

    def item_updateddate(self, entry):
        return entry.timestamp

    def item_author_name(self, entry):
        return entry.user.public_name if entry.user else None

    def item_categories(self, entry):
        category = entry.page.wikipage.category
        return [category.name] if category else []


class RecentChangesAtom(RecentChangesRss):
    feed_type = Atom1Feed
    subtitle = RecentChangesRss.description
